import Foundation
import SyncCore
import Testing
@testable import ForumModel

@Suite struct ReviewFlagsTests {
    @Test func concurrentAmountChangeAndApprovalMergeCleanlyButAreFlagged() throws {
        var world = Fixture()
        let base = Fixture.honorarium(status: .proposed)
        // Each device starts from the same synced base, offline.
        let facilitatorSide = Fixture.edit(base, [Honorarium.Field.amount: 500], by: Fixture.deviceA, offset: 1000)
        let coordinatorSide = Fixture.edit(base, try Honorarium(base).approvalFields(), by: Fixture.deviceB, offset: 2000)
        #expect(Authorization.check(actor: Fixture.facilitator, before: base, after: facilitatorSide, lookup: world.lookup).isAllowed)
        #expect(Authorization.check(actor: Fixture.coordinator, before: base, after: coordinatorSide, lookup: world.lookup).isAllowed)

        let merged = try facilitatorSide.merged(with: coordinatorSide)
        #expect(merged.conflicts.isEmpty)
        #expect(merged[Honorarium.Field.status] == "approved" && merged[Honorarium.Field.amount] == 500)
        world.lookup.insert(merged)
        #expect(ReviewFlags.flags(for: merged, lookup: world.lookup).map(\.code) == [.amountChangedDuringApproval])
        // The same merge in the other order raises the same flag.
        #expect(ReviewFlags.flags(for: try coordinatorSide.merged(with: facilitatorSide), lookup: world.lookup).map(\.code)
                == [.amountChangedDuringApproval])
    }

    @Test func sequentialApprovalRaisesNoFlag() throws {
        let world = Fixture()
        let changed = Fixture.edit(Fixture.honorarium(status: .proposed), [Honorarium.Field.amount: 500])
        let approved = Fixture.edit(changed, try Honorarium(changed).approvalFields(), by: Fixture.deviceB, offset: 5000)
        #expect(ReviewFlags.flags(for: approved, lookup: world.lookup).isEmpty)
    }

    @Test func amountChangedConcurrentlyWithPaymentIsFlagged() throws {
        let world = Fixture()
        let approved = Fixture.honorarium(status: .approved)
        let honorarium = try Honorarium(approved)
        let payer = Fixture.edit(approved, honorarium.paymentFields(paidDate: "2026-12-01", method: .payroll), by: Fixture.deviceA)
        let editor = Fixture.edit(approved, [Honorarium.Field.amount: 1200, Honorarium.Field.approvedAmount: 1200], by: Fixture.deviceB)
        let merged = try payer.merged(with: editor)
        #expect(merged.conflicts.isEmpty && merged[Honorarium.Field.status] == "paid")
        #expect(ReviewFlags.flags(for: merged, lookup: world.lookup).map(\.code) == [.paidAmountChanged])
    }

    @Test func approvalWhileMarkedAbsentIsFlaggedFromBothRecords() throws {
        var world = Fixture()
        let approved = Fixture.honorarium(status: .approved)
        world.lookup.insert(approved)
        #expect(ReviewFlags.allFlags(in: world.lookup).isEmpty)
        let attendanceID = Fixture.attendanceID(Fixture.anonymousID)
        let attendance = try #require(world.lookup.state(collection: Attendance.collection, id: attendanceID))
        let absent = Fixture.edit(attendance, [Attendance.Field.present: false], by: Fixture.deviceB)
        world.lookup.insert(absent)
        #expect(ReviewFlags.flags(for: approved, lookup: world.lookup).map(\.code) == [.approvedWhileAbsent])
        #expect(ReviewFlags.flags(for: absent, lookup: world.lookup) == [ReviewFlag(.approvedWhileAbsent, collection: "honorarium", id: approved.id)])
    }

    /// A proposal for someone present is never flagged, whatever its amount; one for
    /// someone absent is (`HonorariumMeetingRulesTests`).
    @Test func proposalsForPeoplePresentAreNeverFlagged() {
        var world = Fixture()
        let proposed = Fixture.edit(Fixture.honorarium(Fixture.anonymousID, status: .proposed), [Honorarium.Field.amount: 100])
        world.lookup.insert(proposed)
        #expect(ReviewFlags.allFlags(in: world.lookup).isEmpty)
    }

    /// Issue 19: marking someone absent leaves their proposal proposed, flagged for the
    /// coordinator until they are marked present again.
    @Test func aProposalForSomeoneMarkedAbsentIsFlaggedUntilTheyArePresentAgain() throws {
        var world = Fixture()
        let proposed = Fixture.honorarium(Fixture.absentID, status: .proposed)
        world.lookup.insert(proposed)
        #expect(ReviewFlags.allFlags(in: world.lookup).map(\.code.rawValue) == ["proposed_while_absent"])
        let attendance = try #require(world.lookup.state(collection: Attendance.collection, id: Fixture.attendanceID(Fixture.absentID)))
        #expect(ReviewFlags.flags(for: attendance, lookup: world.lookup).map(\.code.rawValue) == ["proposed_while_absent"])
        world.lookup.insert(Fixture.edit(attendance, [Attendance.Field.present: true], offset: 5000))
        #expect(ReviewFlags.allFlags(in: world.lookup).isEmpty)
    }
}
