import FieldClient
import ForumModel
import Foundation
import SyncCore
import Testing
import TestSupport

/// Real `forum-server` and `forum` processes over loopback HTTP. Serialized: each test
/// runs a server and several clients, and the machine has two cores.
@Suite(.serialized) struct EndToEndTests {
    let directory: TemporaryDirectory
    let server: ServerProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "forum-e2e")
        server = try ServerProcess(data: directory.path("server"))
    }

    func enrol(_ name: String, _ role: String) throws -> Device {
        try Device.enrol(name, role: role, in: directory.url.path, server: server)
    }

    /// Adds a participant and records them at `forum`; returns the participant id.
    @discardableResult
    func attendee(_ device: Device, forum: String, name: String, anonymous: Bool = false) throws -> String {
        try device.ok(["participant", "add", name] + (anonymous ? ["--anonymous"] : []))
        let id = try #require(try device.json(["participant", "find", name]) as? [[String: Any]])
            .compactMap { $0["id"] as? String }.first
        let participant = try #require(id)
        try device.ok(["attend", forum, participant, "--role", "participant"])
        return participant
    }

    func forum(_ device: Device) throws -> String {
        try device.ok(["forum", "add", "--title", "Deltagarforum 3", "--start", "2026-11-24 13:00", "--amount", "500"])
        return try #require(try device.ids(["forum", "list"]).first)
    }

    func honorarium(_ device: Device) throws -> String {
        try #require(try device.ids(["honorarium", "list"]).first)
    }

    @Test func offlineRecordingsOfTwoFacilitatorsAndACoordinatorConverge() throws {
        let a = try enrol("a", "facilitator"), b = try enrol("b", "facilitator"), c = try enrol("c", "coordinator")
        let forum = try forum(a)
        let shared = try attendee(a, forum: forum, name: "Anna Berg")
        try a.sync()
        try b.sync()
        // Offline: A records four more (two anonymous); B records the shared participant
        // (same derived attendance) and one of its own at the same forum.
        for (name, anonymous) in [("Bo", false), ("Cecilia", true), ("David", true), ("Eva", false)] {
            try attendee(a, forum: forum, name: name, anonymous: anonymous)
        }
        try b.ok(["attend", forum, shared, "--role", "participant"])
        try attendee(b, forum: forum, name: "Fredrik")
        try a.sync(); try b.sync(); try c.sync(); try a.sync()

        let reference = try c.export()
        #expect(try a.export() == reference)
        #expect(try b.export() == reference)
        #expect(try c.ids(["participant", "list"]).count == 6)
        #expect(try c.ids(["honorarium", "list"]).count == 6)
        let shown = try c.ok(["show", forum])
        #expect(shown.contains("Anonymous participant 1"))
        #expect(!shown.contains("Cecilia") && !shown.contains("David"))
    }

    @Test func aConcurrentAmountChangeIsListedResolvedByTheAdminAndConverges() throws {
        let a = try enrol("a", "facilitator"), b = try enrol("b", "facilitator"), c = try enrol("c", "coordinator")
        let forum = try forum(a)
        try attendee(a, forum: forum, name: "Anna Berg")
        try a.sync(); try c.sync(); try b.sync()
        let honorarium = try honorarium(a)
        try a.ok(["honorarium", "correct", honorarium, "--amount", "600"])
        try c.ok(["honorarium", "correct", honorarium, "--amount", "700"])
        try a.sync(); try c.sync()

        let listed = try server.admin(["conflicts", "list", "--json"])
        #expect(listed.stdout.contains(honorarium))
        let shown = try server.admin(["conflicts", "show", "honorarium/\(honorarium)"])
        #expect(shown.stdout.contains("600") && shown.stdout.contains("700"))
        let local = try c.ok(["conflicts"])
        #expect(local.contains("600") && local.contains("700"))

        let resolved = try server.admin(["conflicts", "resolve", "honorarium/\(honorarium)", "--field", "amount", "--value", "650"])
        #expect(resolved.status == 0, "\(resolved.stderr)")
        for device in [a, b, c] { try device.sync() }
        for device in [a, b, c] {
            let rows = try #require(try device.json(["honorarium", "list"]) as? [[String: Any]])
            #expect(rows.first?["amount"] as? Int == 650)
            #expect((try device.json(["conflicts"]) as? [Any])?.isEmpty == true)
        }
        #expect(try a.export() == c.export())
        #expect(try b.export() == c.export())
    }

    @Test func aFacilitatorApprovingIsRefusedLocallyAndAtTheServer() throws {
        let a = try enrol("a", "facilitator"), c = try enrol("c", "coordinator")
        let forum = try forum(a)
        try attendee(a, forum: forum, name: "Anna Berg")
        try a.sync()
        let honorarium = try honorarium(a)

        let early = try a.run(["honorarium", "approve", honorarium])
        #expect(early.status == 1)
        #expect(early.stderr.contains(DomainError(.roleForbidden).message(.en)))
        #expect(try a.ok(["status"]).contains("Unsynced changes: 0"))

        // A tampered client skips its own check; the server refuses, and the client puts the record back.
        do {
            let replica = try a.openReplica()
            let id = try #require(try replica.store.ids(in: Honorarium.collection, withPrefix: honorarium).first)
            let state = try #require(try replica.state(collection: Honorarium.collection, id: id))
            try replica.write(collection: Honorarium.collection, id: state.id,
                              values: try Honorarium(state).approvalFields(), enforcingRules: false)
        }
        let sync = try a.run(["sync"])
        #expect(sync.status == 0)
        #expect(sync.stdout.contains("Refused change to honorarium"))
        #expect(try a.ok(["status"]).contains("role_forbidden") || (try a.ok(["status"])).contains("role may not"))
        let rows = try #require(try a.json(["honorarium", "list"]) as? [[String: Any]])
        #expect(rows.first?["status"] as? String == "proposed")
        try c.sync()
        #expect(try a.export() == c.export())
    }

    @Test func aRefusalIsExplainedInSwedishWithTheFieldAndLimitItNames() throws {
        let a = try enrol("a", "facilitator")
        let forum = try forum(a)
        try a.sync()
        // A tampered client skips its own check of the title's length; the server refuses.
        do {
            let replica = try a.openReplica()
            let id = try #require(try replica.store.ids(in: Forum.collection, withPrefix: forum).first)
            try replica.write(collection: Forum.collection, id: id,
                              values: [Forum.Field.title: .string(String(repeating: "Deltagarforum ", count: 20))],
                              enforcingRules: false)
        }
        let sync = try a.run(["sync", "--lang", "sv"])
        #expect(sync.status == 0)
        let expected = DomainError(.textTooLong, ["field": Forum.Field.title, "limit": "200"]).message(.sv)
        #expect(sync.stdout.contains(expected), "\(sync.stdout)")
        #expect(try a.ok(["status", "--lang", "sv"]).contains(expected))
        #expect(try a.ok(["status", "--lang", "en"]).contains(DomainError(.textTooLong, ["field": Forum.Field.title, "limit": "200"]).message(.en)))
    }

    @Test func aSyncWhileTheServerIsDownLosesNothingAndTheNextOneSucceeds() throws {
        let a = try enrol("a", "facilitator")
        let forum = try forum(a)
        try attendee(a, forum: forum, name: "Anna Berg")
        server.terminate()
        let failed = try a.run(["sync"])
        #expect(failed.status == 2)
        #expect(failed.stderr.contains("server unreachable — your 4 changes are stored on this laptop and will be sent at the next sync"))
        let swedish = try a.run(["sync", "--lang", "sv"])
        #expect(swedish.stderr.contains("servern kunde inte nås — dina 4 ändringar finns sparade på den här datorn"))
        #expect((try a.json(["status"]) as? [String: Any])?["pending"] as? Int == 4)
        try server.start(port: nil)
        try a.sync()
        #expect((try a.json(["status"]) as? [String: Any])?["pending"] as? Int == 0)
    }

    @Test func aRevokedDeviceIsToldPlainlyAndKeepsItsChangesForExport() throws {
        let a = try enrol("a", "facilitator")
        try a.sync()
        let replica = try #require((try a.json(["status"]) as? [String: Any])?["replica"] as? String)
        try a.ok(["participant", "add", "Anna Berg"])
        #expect(try server.admin(["device", "revoke", replica]).status == 0)
        let sync = try a.run(["sync"])
        #expect(sync.status == 3)
        #expect(sync.stderr.contains("this device has been revoked by the administrator"))
        let pending = try a.ok(["export", "replica", "--pending", "--json"])
        #expect(pending.contains("Anna Berg"))
    }

    /// `forum status` says plainly that the device was revoked (issue 19), from what its
    /// last sync learnt, without asking the server again.
    @Test func statusSaysPlainlyThatTheDeviceWasRevoked() throws {
        let a = try enrol("a", "facilitator")
        try a.sync()
        #expect(!(try a.ok(["status"])).contains("revoked"))
        let replica = try #require((try a.json(["status"]) as? [String: Any])?["replica"] as? String)
        #expect(try server.admin(["device", "revoke", replica]).status == 0)
        #expect(try a.run(["sync"]).status == 3)
        server.terminate()
        let english = try a.ok(["status"])
        #expect(english.contains("This device has been revoked by the administrator"), "\(english)")
        #expect(try a.ok(["status", "--lang", "sv"]).contains("Den här enheten har spärrats av administratören"))
        #expect((try a.json(["status"]) as? [String: Any])?["revoked"] as? Bool == true)
    }
}
