import Foundation
import Messages
import SyncCore
import Testing
@testable import ForumModel

@Suite struct DemoDataTests {
    @Test func buildsValidDeterministicSwedishData() throws {
        let demo = DemoData.build()
        #expect(demo.states == DemoData.build().states)
        for state in demo.states {
            #expect(ForumRules.validate(state).isAllowed, "\(state.collection) invalid")
        }
        #expect(demo.sodertaljeForumIDs.count == 4 && demo.norrtaljeForumIDs.count == 3)
        #expect(ReviewFlags.allFlags(in: demo.lookup).isEmpty)
    }

    @Test func matchesThePilots() throws {
        let demo = DemoData.build()
        let forum = try Forum(try #require(demo.lookup.state(collection: Forum.collection, id: demo.sodertaljeForumIDs[0])))
        #expect(forum.defaultHonorariumKronor == 900 && forum.kind == .deltagarforum)
        let honoraria = try demo.lookup.states(collection: Honorarium.collection).map { try Honorarium($0) }
        #expect(honoraria.filter { $0.payerMunicipality == "Norrtälje" }.allSatisfy { $0.amount == 500 && $0.notCountedAsIncome })
        #expect(honoraria.filter { $0.payerMunicipality == "Södertälje" }.allSatisfy { $0.amount == 900 && !$0.notCountedAsIncome })
        let associations = try demo.lookup.states(collection: Participant.collection).compactMap { try Participant($0).association }
        #expect(Set(associations).isSuperset(of: ["RSMH", "Attention"]))
    }

    @Test func attendanceReportCountsByRoleWithAnonymousCounted() throws {
        let demo = DemoData.build()
        let period = ReportPeriod(start: try #require(RecordTime.instant("2026-01-01T00:00:00Z")),
                                  end: try #require(RecordTime.instant("2027-01-01T00:00:00Z")))
        let report = AttendanceReport.make(period: period, municipalities: ["Södertälje"], lookup: demo.lookup)
        #expect(report.rows.count == 3) // the planned fourth forum is not counted
        let third = report.rows[2]
        #expect(third.countsByRole == [.participant: 2, .associationRepresentative: 2, .facilitator: 1, .manager: 1])
        #expect(third.anonymousCount == 1)
        let text = report.text(.sv)
        #expect(text.contains("Summa Södertälje") && text.contains("genomförda forum: 3"))
    }

    @Test func paymentListHoldsOnlyApprovedUnpaidHonoraria() throws {
        let demo = DemoData.build()
        let period = ReportPeriod(start: Date(timeIntervalSince1970: 0), end: Date(timeIntervalSince1970: 4_000_000_000))
        let coordinator = Actor(role: .coordinator, municipalities: ["Norrtälje"])
        let list = try PaymentList.make(actor: coordinator, municipality: "Norrtälje", period: period, lookup: demo.lookup).get()
        #expect(list.items.count == 5 && list.total == 2500)
        #expect(list.items.allSatisfy { $0.notCountedAsIncome })
        #expect(list.text(.sv).hasPrefix("KONFIDENTIELLT"))
    }
}
