import Foundation
import Testing
import TestSupport

/// Deleting participants, attendance and forums from the field client (issue 17), with
/// real `forum` and `forum-server` processes: nothing goes without `--yes`, a delete takes
/// what depends on it to every device, and paid honoraria block it.
@Suite(.serialized) struct DeletionTests {
    let directory: TemporaryDirectory
    let server: ServerProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "forum-delete")
        server = try ServerProcess(data: directory.path("server"))
    }

    func attendee(_ device: Device, forum: String, name: String) throws -> String {
        try device.ok(["participant", "add", name])
        let id = try #require(try device.json(["participant", "find", name]) as? [[String: Any]]).compactMap { $0["id"] as? String }.first
        let participant = try #require(id)
        try device.ok(["attend", forum, participant])
        return participant
    }

    @Test func aMistakenParticipantIsDeletedWithTheirAttendanceOnEveryDevice() throws {
        let a = try Device.enrol("a", role: "facilitator", in: directory.url.path, server: server)
        let b = try Device.enrol("b", role: "facilitator", in: directory.url.path, server: server)
        try a.ok(["forum", "add", "--title", "Deltagarforum 3", "--start", "2026-11-24 13:00", "--amount", "500"])
        let forum = try #require(try a.ids(["forum", "list"]).first)
        let mistake = try attendee(a, forum: forum, name: "Felinmatad Markörsson")
        _ = try attendee(a, forum: forum, name: "Kim")
        try a.sync(); try b.sync()

        let asked = try a.run(["participant", "delete", mistake])
        #expect(asked.status == 1)
        #expect(asked.stderr.contains("Nothing was deleted") && asked.stderr.contains("attendance records: 1"))
        #expect(try a.ids(["participant", "list"]).contains(mistake))

        let done = try a.ok(["participant", "delete", mistake, "--yes"])
        #expect(done.contains("Deleted: the participant, attendance records: 1, unpaid honoraria: 1"))
        #expect(!(try a.ids(["participant", "list"])).contains(mistake))
        #expect(try a.ids(["honorarium", "list"]).count == 1)
        try a.sync(); try b.sync()
        #expect(!(try b.ids(["participant", "list"])).contains(mistake))
        #expect(try b.ids(["honorarium", "list"]).count == 1)
        // The name has left both replicas' records (the delete removes every field).
        for device in [a, b] {
            #expect(!String(decoding: try device.export(), as: UTF8.self).contains("Markörsson"))
        }
        #expect(try a.export() == (try b.export()))
    }

    @Test func anAttendanceRecordedByMistakeIsDeletedAndAPaidHonorariumBlocksADelete() throws {
        let a = try Device.enrol("a", role: "facilitator", in: directory.url.path, server: server)
        let c = try Device.enrol("c", role: "coordinator", in: directory.url.path, server: server)
        try a.ok(["forum", "add", "--title", "Workshop", "--start", "2026-11-24 13:00", "--amount", "900"])
        let forum = try #require(try a.ids(["forum", "list"]).first)
        let wrong = try attendee(a, forum: forum, name: "Bo")
        let paid = try attendee(a, forum: forum, name: "Eva")
        try a.ok(["unattend", forum, wrong, "--yes"])
        #expect(try a.ids(["honorarium", "list"]).count == 1)
        #expect(try a.ids(["participant", "list"]).contains(wrong))
        try a.sync(); try c.sync()

        let honorarium = try #require(try c.ids(["honorarium", "list"]).first)
        // Honoraria are approved only for a forum that has been held.
        try c.ok(["forum", "edit", forum, "--status", "held"])
        try c.ok(["honorarium", "approve", honorarium])
        try c.ok(["honorarium", "pay", honorarium, "--date", "2026-11-30", "--method", "bank_transfer"])
        try c.sync(); try a.sync()
        for command in [["participant", "delete", paid, "--yes"], ["forum", "delete", forum, "--yes"]] {
            let refused = try a.run(command)
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("paid honoraria belong to this and must be kept"), "\(refused.stderr)")
        }
        #expect(try a.ids(["participant", "list"]).contains(paid))
        #expect(try a.ids(["forum", "list"]).contains(forum))
    }

    @Test func consentIsWithdrawnAndTheFacilitatorIsToldWhatFollows() throws {
        let a = try Device.enrol("a", role: "facilitator", in: directory.url.path, server: server)
        try a.ok(["participant", "add", "Lo", "--consent"])
        let id = try #require(try a.ids(["participant", "list"]).first)
        let said = try a.ok(["participant", "edit", id, "--withdraw-consent"])
        #expect(said.contains("Consent withdrawn") && said.contains("forum participant delete"))
        let person = try #require((try a.json(["participant", "list"]) as? [[String: Any]])?.first)
        #expect(person["consent"] as? Bool == false)
        #expect(try a.run(["participant", "edit", id, "--consent", "--withdraw-consent"]).status == 64)
        try a.sync()
    }
}
