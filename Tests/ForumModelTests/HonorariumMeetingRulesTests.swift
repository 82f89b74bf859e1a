import Foundation
import Messages
import SyncCore
import Testing
@testable import ForumModel

/// Honoraria follow the meeting (issue 19): none is approved or paid for a forum that has
/// not been held.
@Suite struct HonorariumMeetingRulesTests {
    /// The fixture with its Södertälje forum moved to `status`.
    static func world(forumStatus: String) throws -> Fixture {
        var world = Fixture()
        let forum = try #require(world.lookup.state(collection: Forum.collection, id: Fixture.forumID))
        world.lookup.insert(Fixture.edit(forum, [Forum.Field.status: .string(forumStatus)], offset: 500))
        return world
    }

    static func refusal(_ result: Result<Void, DomainError>) -> String? {
        if case .failure(let error) = result { error.code.rawValue } else { nil }
    }

    @Test(arguments: ["planned", "cancelled"])
    func noApprovalOrPaymentBeforeTheForumIsHeld(forumStatus: String) throws {
        let world = try Self.world(forumStatus: forumStatus)
        let proposed = Fixture.honorarium(status: .proposed)
        let approve = Fixture.edit(proposed, try Honorarium(proposed).approvalFields())
        #expect(Self.refusal(Authorization.check(actor: Fixture.coordinator, before: proposed, after: approve,
                                                 lookup: world.lookup)) == "forum_not_held")
        let approved = Fixture.honorarium(status: .approved)
        let pay = Fixture.edit(approved, try Honorarium(approved).paymentFields(paidDate: "2026-12-01", method: .payroll), offset: 3000)
        #expect(Self.refusal(Authorization.check(actor: Fixture.coordinator, before: approved, after: pay,
                                                 lookup: world.lookup)) == "forum_not_held")
        // Proposing, declining and waiving stay possible: they pay nothing.
        #expect(Authorization.check(actor: Fixture.facilitator, before: nil, after: proposed, lookup: world.lookup).isAllowed)
        let decline = Fixture.edit(proposed, try Honorarium(proposed).declineFields(reason: "Inställt"))
        #expect(Authorization.check(actor: Fixture.coordinator, before: proposed, after: decline, lookup: world.lookup).isAllowed)
    }

    @Test func approvalIsAllowedOnceTheForumIsHeld() throws {
        let world = try Self.world(forumStatus: "held")
        let proposed = Fixture.honorarium(status: .proposed)
        let approve = Fixture.edit(proposed, try Honorarium(proposed).approvalFields())
        #expect(Authorization.check(actor: Fixture.coordinator, before: proposed, after: approve, lookup: world.lookup).isAllowed)
    }

    @Test func theRefusalIsWordedInSwedishAndEnglish() throws {
        let code = try #require(DomainError.Code(rawValue: "forum_not_held"))
        let key = MessageKey("domain.error.forum_not_held")
        let swedish = Catalogue.standard.text(key, .sv), english = Catalogue.standard.text(key, .en)
        #expect(swedish != key.rawValue && english != key.rawValue && swedish != english)
        #expect(DomainError(code).message(.sv) == swedish)
        #expect(swedish.contains("genomför"))
        #expect(english.contains("held"))
    }

    @Test func everyDomainErrorHasASwedishAndAnEnglishMessage() {
        for code in DomainError.Code.allCases {
            let key = DomainError(code).messageKey
            #expect(Catalogue.standard.text(key, .sv) != key.rawValue, "\(code) lacks Swedish")
            #expect(Catalogue.standard.text(key, .en) != key.rawValue, "\(code) lacks English")
        }
    }
}
