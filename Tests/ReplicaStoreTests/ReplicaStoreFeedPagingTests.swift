import Testing
import SyncCore
import TestSupport
@testable import ReplicaStore

/// Walking the feed page by page yields exactly what one large pull yields, whatever the
/// page size, the reader's tags, and however many tag rows a page has to pass over (rows an
/// older server left at the sequence of a change its record has since moved on from).
@Suite struct ReplicaStoreFeedPagingTests {
    static let cases = PropertyEnvironment.cases(default: 60)
    static let baseSeed = PropertyEnvironment.seed(default: 0xFEED_2025)
    static let scopes = ["m:A", "m:B", "m:C"]
    /// Per-device tags, which the server once pinned to the compensating writes it filed for
    /// a device: such a row stayed at that change's sequence while the record moved on. The
    /// store no longer files rows that way, but a database written then may still hold them.
    static let legacyTags = ["d:x", "d:y"]

    /// The finding as reported, on such a database: record B's row for device x stayed at
    /// the sequence of its compensation while B moved on; a reader of `d:x` and `m:A`
    /// walking with limit 1 got `[B]` with `more: false` while A and C remained.
    @Test func aStaleTagRowOfAMovedRecordDoesNotEndTheWalkEarly() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        let writer = RecordFixtures.replica("dev-w")
        var b = RecordFixtures.record(collection: "forum", id: "B", fieldCount: 1)
        let compensation = try store.save(b, annotations: RecordAnnotations(tags: ["m:A"]))
        try b.write(["note": "senare"], by: writer, at: HybridTimestamp(wallMillis: 1_764_000_100_000))
        try store.save(b, annotations: RecordAnnotations(tags: ["m:A"]))           // B moves on
        try Self.fileStaleRow(in: store, tag: "d:x", sequence: compensation.sequence, id: "B")
        try store.save(RecordFixtures.record(collection: "forum", id: "A", fieldCount: 1), annotations: RecordAnnotations(tags: ["m:A"]))
        try store.save(RecordFixtures.record(collection: "forum", id: "C", fieldCount: 1), annotations: RecordAnnotations(tags: ["m:A"]))

        let first = try store.changes(since: 0, limit: 1, tags: ["d:x", "m:A"])
        #expect(first.changes.map(\.state.id) == ["B"])
        #expect(first.hasMore, "records A and C remain after the first page")
        let walked = try walk(store, tags: ["d:x", "m:A"], limit: 1)
        #expect(walked.map(\.id) == ["B", "A", "C"])
    }

    @Test func walkingPagesOfAnyLimitYieldsWhatOneLargePullYields() throws {
        for index in 0..<Self.cases {
            let seed = Self.baseSeed &+ UInt64(index)
            var rng = SeededGenerator(seed: seed)
            let dir = try TemporaryDirectory()
            let store = try makeStore(dir)
            try Self.randomFeed(into: store, rng: &rng)
            let total = Int(try store.lastSequence())
            for readerTags in Self.readers(rng: &rng) {
                // The feed a device walks: states and forget entries (records that left the tags).
                let everything = try store.rawFeed(since: 0, limit: total + 10, tags: readerTags)
                #expect(!everything.hasMore)
                let expected = everything.rows.map(\.sequence)
                for limit in 1...max(1, expected.count + 1) {
                    let walked = try walk(store, tags: readerTags, limit: limit).map(\.sequence)
                    guard walked == expected else {
                        Issue.record("""
                            limit \(limit), tags \(readerTags ?? ["(all)"]): walked \(walked), one pull \(expected); \
                            replay with FORUM_PROPERTY_SEED=\(seed) FORUM_PROPERTY_CASES=1
                            """)
                        return
                    }
                }
            }
        }
    }

    // MARK: - Helpers

    /// Pages through the feed until `more: false`, checking each page's own promises.
    private func walk(_ store: ReplicaStore, tags: [String]?, limit: Int) throws -> [(sequence: Int64, id: String)] {
        var cursor: Int64 = 0
        var result: [(sequence: Int64, id: String)] = []
        for _ in 0...10_000 {
            let page = try store.rawFeed(since: cursor, limit: limit, tags: tags)
            #expect(page.rows.count <= limit)
            #expect(page.rows.allSatisfy { $0.sequence > cursor })
            if page.hasMore { #expect(page.rows.count == limit, "a page with more after it is full") }
            result += page.rows.map { ($0.sequence, $0.json == nil ? "forget " + $0.id : $0.id) }
            cursor = page.rows.last?.sequence ?? cursor
            if !page.hasMore { return result }
        }
        Issue.record("the walk did not end")
        return result
    }

    /// A random history over a handful of records: writes filed under random scopes,
    /// retags, deletes, and writes that keep the stored tags (as a local write does); then,
    /// as a database an older server wrote may hold, rows of a per-device tag left at
    /// sequences their records had, some still current, most since moved on from.
    static func randomFeed(into store: ReplicaStore, rng: inout SeededGenerator) throws {
        let recordCount = 2 + rng.below(8)
        var states: [String: RecordState] = [:]
        var sequences: [String: [Int64]] = [:]   // every sequence each record has had
        let writer = RecordFixtures.replica("dev-w")
        var clock: Int64 = 1_764_000_000_000
        for step in 0..<(5 + rng.below(40)) {
            let id = "r\(rng.below(recordCount))"
            clock += 1000
            let time = HybridTimestamp(wallMillis: clock)
            var state = states[id] ?? RecordState(collection: "forum", id: id)
            let scopes = Self.scopes.filter { _ in rng.chance(40) }
            switch rng.below(10) {
            case 0...1 where states[id] != nil:
                if try store.retag(collection: "forum", id: id, tags: scopes) {
                    sequences[id, default: []].append(try store.lastSequence())
                }
                continue
            case 2 where states[id] != nil:
                state.delete(by: writer, at: time)
            default:
                try state.write(["note": .string("steg \(step)")], by: writer, at: time)
            }
            states[id] = state
            // A third of the writes keep the tags stored (annotations nil), as a local write does.
            let saved = try store.save(state, annotations: rng.chance(30) && step > 0 ? nil : RecordAnnotations(tags: scopes))
            sequences[id, default: []].append(saved.sequence)
        }
        for (id, history) in sequences.sorted(by: { $0.key < $1.key }) where rng.chance(60) {
            try fileStaleRow(in: store, tag: rng.pick(Self.legacyTags), sequence: rng.pick(history), id: id)
        }
    }

    /// The tag sets of a few readers: unscoped, and random mixes of scopes and legacy tags.
    static func readers(rng: inout SeededGenerator) -> [[String]?] {
        var readers: [[String]?] = [nil, Self.scopes + Self.legacyTags]
        for _ in 0..<3 {
            let tags = (Self.scopes + Self.legacyTags).filter { _ in rng.chance(50) }
            readers.append(tags.isEmpty ? [rng.pick(Self.legacyTags)] : tags)
        }
        return readers
    }

    /// Files a tag row for record `id` at `sequence` directly, as an older release left it.
    static func fileStaleRow(in store: ReplicaStore, tag: String, sequence: Int64, id: String) throws {
        try store.connection.execute("""
            INSERT OR IGNORE INTO record_tag (tag, seq, record) SELECT ?, ?, rowid FROM record WHERE collection = 'forum' AND id = ?
            """, [.text(tag), .integer(sequence), .text(id)])
    }
}

fileprivate extension SeededGenerator {
    /// A value in `0..<bound` (bound > 0).
    mutating func below(_ bound: Int) -> Int { Int(next(upperBound: UInt64(bound))) }
    /// `true` with probability `percent`/100.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    /// A random element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
