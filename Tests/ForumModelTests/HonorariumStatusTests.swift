import Testing
@testable import ForumModel

@Suite struct HonorariumStatusTests {
    @Test func reachableStatusesFollowTheLegalSteps() {
        #expect(HonorariumStatus.proposed.reachable == [.proposed, .approved, .paid, .declined, .waived])
        #expect(HonorariumStatus.approved.reachable == [.approved, .paid, .declined, .waived])
        #expect(HonorariumStatus.paid.reachable == [.paid])
        #expect(HonorariumStatus.declined.reachable == [.declined])
        #expect(HonorariumStatus.waived.reachable == [.waived])
    }
}
