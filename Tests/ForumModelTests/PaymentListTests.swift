import Foundation
import Messages
import SyncCore
import Testing
import TestSupport
@testable import ForumModel

/// The payment list as a CSV reader sees it (issue 19): the header is the first row, every
/// other row is one honorarium to pay, with its honorarium and participant ids; nothing
/// else is a row, and only forums that have been held are paid.
@Suite struct PaymentListTests {
    static let november = ReportPeriod(start: RecordTime.instant("2026-10-31T23:00:00Z") ?? Date(),
                                       end: RecordTime.instant("2026-11-30T23:00:00Z") ?? Date())

    /// The fixture with the named and the anonymous participant's honoraria approved.
    static func world() -> Fixture {
        var world = Fixture()
        world.lookup.insert(Fixture.honorarium(Fixture.namedID, status: .approved))
        world.lookup.insert(Fixture.honorarium(Fixture.anonymousID, status: .approved))
        return world
    }

    @Test(arguments: [Language.sv, .en])
    func theHeaderIsTheFirstRowAndEveryOtherRowIsAnHonorariumWithItsIds(language: Language) throws {
        let list = try PaymentList.make(actor: Fixture.coordinator, municipality: "Södertälje", period: Self.november,
                                        lookup: Self.world().lookup).get()
        let rows = CSVReader.rows(list.csv(language))
        let header = try #require(rows.first)
        let expected = language == .sv
            ? ["Arvode-id", "Deltagar-id", "Datum", "Forum", "Mottagare", "Förening", "Anonym i protokoll", "Belopp (kr)",
               "Utbetalande kommun", "Räknas ej som inkomst (försörjningsstöd)", "Betalningssätt",
               "Personnummer", "Utbetalning till", "Clearingnummer", "Kontonummer"]
            : ["Honorarium id", "Participant id", "Date", "Forum", "Recipient", "Association", "Anonymous in minutes",
               "Amount (SEK)", "Paying municipality", "Not counted as income (income support)", "Payment method",
               "Personal identity number", "Paid to", "Clearing number", "Account number"]
        #expect(header == expected)
        let data = rows.dropFirst()
        #expect(data.count == 2, "one row per honorarium, no total row")
        #expect(data.allSatisfy { $0.count == header.count })
        #expect(Set(data.map { $0[0] }) == Set([Fixture.namedID, Fixture.anonymousID].map {
            Honorarium.id(attendanceID: Fixture.attendanceID($0)) }))
        #expect(Set(data.map { $0[1] }) == [Fixture.namedID, Fixture.anonymousID])
        // Every amount is a plain integer Excel can sum; no row carries the total.
        #expect(data.allSatisfy { Int($0[7]) == 900 })
        #expect(!rows.contains { $0.contains("1800") })
    }

    @Test func aForumNotHeldIsNotPaid() throws {
        var world = Self.world()
        let forum = try #require(world.lookup.state(collection: Forum.collection, id: Fixture.forumID))
        world.lookup.insert(Fixture.edit(forum, [Forum.Field.status: "planned"], offset: 5000))
        let list = try PaymentList.make(actor: Fixture.coordinator, municipality: "Södertälje", period: Self.november,
                                        lookup: world.lookup).get()
        #expect(list.items.isEmpty)
        #expect(CSVReader.rows(list.csv(.sv)).count == 1)
    }
}
