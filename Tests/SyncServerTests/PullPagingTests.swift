import Foundation
import Testing
import ForumModel
import SyncCore
import TestSupport
@testable import SyncServer

/// Pull paging over real HTTP (PROTOCOL.md §14, §15): a device that follows `more` until it
/// is false gets everything one large pull gets, whatever the page size — after refusals
/// of its own writes too, which store nothing (§8).
@Suite struct PullPagingTests {
    static let cases = PropertyEnvironment.cases(default: 6)
    static let baseSeed = PropertyEnvironment.seed(default: 0x9A6E_2025)

    /// The independent client's finding: pages `[B]` with `more: false` at `limit=1` while
    /// A and C remained, for a device whose write to a record outside its scope was refused
    /// (then answered with a compensation filed for the device; now with nothing stored).
    @Test func aRefusedDevicesWalkWithLimitOneDoesNotStopEarly() throws {
        let fixture = try ServerFixture()
        let coordinator = try fixture.enrol(role: "coordinator", municipalities: ["Södertälje", "Norrtälje"])
        let device = try fixture.enrol(municipalities: ["Södertälje"])
        let b = try Records.forum("B", municipality: "Södertälje", by: coordinator.replica)
        let elsewhere = try Records.forum("fx", municipality: "Norrtälje", by: coordinator.replica)
        #expect(try fixture.push([b, elsewhere], token: coordinator.token).status == 200)
        // The device edits a Norrtälje forum: refused, and told nothing of the forum...
        let refused = try fixture.push([try Records.edit(elsewhere, ["title": "Ändrad"], by: device.replica)], token: device.token)
        let result = refused.json?["results"]?.arrayValue?.first
        #expect(result?["status"] == "refused")
        #expect(result?["state"] == nil, "the forum is outside the device's scope")
        // ...and the forum moves on before the device pulls.
        let later = try Records.make("forum", "fx", ["title": "Senare"], by: coordinator.replica, base: elsewhere,
                                     at: HybridTimestamp(wallMillis: Records.start.wallMillis + 5000))
        let a = try Records.forum("A", municipality: "Södertälje", by: coordinator.replica)
        let c = try Records.forum("C", municipality: "Södertälje", by: coordinator.replica)
        #expect(try fixture.push([later, a, c], token: coordinator.token).status == 200)

        let first = try page(fixture, token: device.token, cursor: "", limit: 1)
        #expect(first.ids == ["B"])
        #expect(first.more, "A and C remain after the first page")
        let walked = try walk(fixture, token: device.token, limit: 1)
        #expect(walked.map(\.id) == ["B", "A", "C"])
    }

    /// Random feeds written through real pushes: forums in several municipalities created,
    /// edited and deleted; participants who attend a forum elsewhere (re-filed under that
    /// municipality); refused edits from devices outside their scope (which store nothing),
    /// and later changes to those records.
    @Test func walkingPagesOfAnyLimitYieldsWhatOneLargePullYields() throws {
        for index in 0..<Self.cases {
            let seed = Self.baseSeed &+ UInt64(index)
            var rng = SeededGenerator(seed: seed)
            let fixture = try ServerFixture()
            let coordinator = try fixture.enrol(role: "coordinator", municipalities: Self.municipalities)
            var devices = [coordinator]
            for municipality in Self.municipalities { devices.append(try fixture.enrol(municipalities: [municipality])) }
            try Self.randomFeed(fixture, coordinator: coordinator, facilitators: Array(devices.dropFirst()), rng: &rng)

            for device in devices {
                let everything = try page(fixture, token: device.token, cursor: "", limit: 1000)
                #expect(!everything.more)
                for limit in 1...(everything.records.count + 1) {
                    let walked = try walk(fixture, token: device.token, limit: limit)
                    guard walked == everything.records else {
                        Issue.record("""
                            limit \(limit): walked \(walked.map(\.id)), one pull \(everything.ids); \
                            replay with FORUM_PROPERTY_SEED=\(seed) FORUM_PROPERTY_CASES=1
                            """)
                        return
                    }
                }
            }
        }
    }

    // MARK: - Helpers

    static let municipalities = ["Södertälje", "Norrtälje", "Nykvarn"]

    static func randomFeed(_ fixture: ServerFixture, coordinator: (replica: ReplicaID, token: String),
                           facilitators: [(replica: ReplicaID, token: String)], rng: inout SeededGenerator) throws {
        var forums: [String: (state: RecordState, municipality: String)] = [:]
        var clock = Records.start.wallMillis
        func next() -> HybridTimestamp { clock += 1000; return HybridTimestamp(wallMillis: clock) }
        for step in 0..<(8 + Int(rng.next(upperBound: UInt64(16)))) {
            let existing = forums.keys.sorted()
            switch rng.next(upperBound: UInt64(6)) {
            case 0 where !existing.isEmpty:   // an edit by the coordinator
                let id = existing[Int(rng.next(upperBound: UInt64(existing.count)))]
                guard let forum = forums[id], !forum.state.isDeleted else { continue }
                let edited = try Records.make("forum", id, ["title": .string("Råd \(step)")], by: coordinator.replica,
                                              base: forum.state, at: next())
                forums[id]?.state = edited
                _ = try fixture.push([edited], token: coordinator.token)
            case 1 where !existing.isEmpty:   // a delete by the coordinator
                let id = existing[Int(rng.next(upperBound: UInt64(existing.count)))]
                guard var state = forums[id]?.state, !state.isDeleted else { continue }
                _ = state.delete(by: coordinator.replica, at: next())
                forums[id]?.state = state
                _ = try fixture.push([state], token: coordinator.token)
            case 2 where !existing.isEmpty:   // a refused edit from a device of another municipality
                let id = existing[Int(rng.next(upperBound: UInt64(existing.count)))]
                guard let forum = forums[id], !forum.state.isDeleted else { continue }
                let outsider = facilitators[Int(rng.next(upperBound: UInt64(facilitators.count)))]
                guard outsider.replica != coordinator.replica else { continue }
                let edit = try Records.make("forum", id, ["title": .string("Utanför \(step)")], by: outsider.replica,
                                            base: forum.state, at: next())
                _ = try fixture.push([edit], token: outsider.token)
            case 3 where !existing.isEmpty:   // a participant from elsewhere attends: re-filed under the forum's municipality
                let id = existing[Int(rng.next(upperBound: UInt64(existing.count)))]
                guard let forum = forums[id], !forum.state.isDeleted else { continue }
                let home = municipalities[Int(rng.next(upperBound: UInt64(municipalities.count)))]
                let participant = try Records.participant("p\(step)", municipality: home, name: "Deltagare", by: coordinator.replica)
                _ = try fixture.push([participant], token: coordinator.token)
                _ = try fixture.push([try Records.attendance(forum: id, participant: participant.id, by: coordinator.replica)],
                                     token: coordinator.token)
            default:                          // a new forum
                let municipality = municipalities[Int(rng.next(upperBound: UInt64(municipalities.count)))]
                let forum = try Records.forum("f\(step)", municipality: municipality, by: coordinator.replica)
                forums[forum.id] = (forum, municipality)
                _ = try fixture.push([forum], token: coordinator.token)
            }
        }
    }

    struct Page {
        var records: [RecordState]
        var cursor: String
        var more: Bool
        var ids: [String] { records.map(\.id) }
    }

    private func page(_ fixture: ServerFixture, token: String, cursor: String, limit: Int) throws -> Page {
        let response = try requireValue(RawHTTPClient(port: fixture.port).request(
            "GET", "/v1/sync/pull?cursor=\(cursor)&limit=\(limit)", headers: ["Authorization": "Bearer \(token)"]))
        guard response.status == 200, let json = response.json, let records = json["records"]?.arrayValue,
              let next = json["cursor"]?.stringValue, case .bool(let more)? = json["more"] else {
            throw RawHTTPClientError(message: "pull failed: \(response.status)")
        }
        return Page(records: try records.map { try RecordState(json: $0) }, cursor: next, more: more)
    }

    /// Follows `more` until it is false, checking each page's promises on the way.
    private func walk(_ fixture: ServerFixture, token: String, limit: Int) throws -> [RecordState] {
        var cursor = ""
        var states: [RecordState] = []
        for _ in 0...1000 {
            let next = try page(fixture, token: token, cursor: cursor, limit: limit)
            #expect(next.records.count <= limit)
            if next.more { #expect(next.records.count == limit, "a page with more after it is full") }
            states += next.records
            cursor = next.cursor
            if !next.more { return states }
        }
        Issue.record("the walk did not end")
        return states
    }
}
