import Digest
import Testing
import TestSupport
@testable import SyncCore

/// The server's acknowledgement ledger stores one shadow per record; the shadow's bytes and
/// its entries' digests are written straight into bytes for speed, and must stay exactly
/// what the `JSONValue` tree gives: digests stored before must keep matching after a restore.
@Suite struct RecordShadowEncodingTests {
    /// The digest as it was first defined: SHA-256 of the canonical tree `[[wall,logical],value]`.
    static func referenceDigest(_ entry: FieldEntry) -> [UInt8] {
        var bytes: [UInt8] = []
        JSONWriter.write(.array([.array([.integer(entry.time.wallMillis), .integer(Int64(entry.time.logical))]),
                                 entry.value]), into: &bytes)
        return Array(SHA256.hash(bytes).prefix(16))
    }

    /// The stored form as it was first defined, through a `JSONValue` tree.
    static func referenceBytes(_ shadow: RecordShadow) -> [UInt8] {
        let fields = shadow.entries.mapValues { digests in
            JSONValue.array(digests.sorted { $0.key < $1.key }.map { dot, digest in
                .array([.string(dot.replica.rawValue), .integer(Int64(dot.counter)), .string(HexEncoding.encode(digest))])
            })
        }
        let context = JSONValue.object(Dictionary(uniqueKeysWithValues: shadow.context.sorted.map {
            (JSONKey($0.replica.rawValue), JSONValue.integer(Int64($0.counter)))
        }))
        return JSONWriter.bytes(["context": context, "entries": JSONValue(object: fields)])
    }

    static func states() throws -> [RecordState] {
        let a = RecordFixtures.replica("dev-a"), b = RecordFixtures.replica("Dev_B.2"), z = RecordFixtures.replica("z")
        var plain = RecordFixtures.record(id: "r1", fieldCount: 12, replica: a, seed: 3)
        _ = try plain.write(["field1": .string("ändrad \"citat\" \\ ny\nrad"), "Zeta": .bool(true), "empty": .null,
                             "nested": .object(["b": .array([.integer(-7), .integer(15)]), "a": .string("é")])],
                            by: b, at: HybridTimestamp(wallMillis: 1_764_000_000_500, logical: 3))
        let left = RecordFixtures.record(id: "r2", fieldCount: 4, replica: a, time: 1_764_000_000_000, seed: 1)
        let right = RecordFixtures.record(id: "r2", fieldCount: 4, replica: z, time: 1_764_000_000_001, seed: 2)
        let conflicted = try left.merged(with: right)
        return [plain, conflicted, RecordState(collection: "forum", id: "empty")]
    }

    @Test func entryDigestsAreTheDigestsOfTheCanonicalTree() throws {
        var checked = 0
        for state in try Self.states() {
            for register in state.fields.values {
                for entry in register.entries {
                    #expect(RecordShadow.digest(of: entry) == Self.referenceDigest(entry))
                    checked += 1
                }
            }
        }
        #expect(checked > 16)
    }

    @Test func storedBytesAreTheCanonicalTreesBytesAndReadBack() throws {
        for state in try Self.states() {
            let shadow = RecordShadow(of: state)
            #expect(shadow.jsonBytes == Self.referenceBytes(shadow))
            #expect(RecordShadow(jsonBytes: shadow.jsonBytes) == shadow)
        }
        // A register holding two concurrent entries keeps both, ordered by dot.
        let conflicted = try Self.states()[1]
        #expect(RecordShadow(of: conflicted).entries.values.contains { $0.count == 2 })
    }

    /// The ledger writes a state's shadow straight from the state: the very bytes of the
    /// shadow built and then encoded, conflicts and empty records included.
    @Test func shadowBytesWrittenFromTheStateAreTheShadowsBytes() throws {
        for state in try Self.states() {
            #expect(RecordShadow.jsonBytes(of: state) == RecordShadow(of: state).jsonBytes)
            #expect(RecordShadow(jsonBytes: RecordShadow.jsonBytes(of: state)) == RecordShadow(of: state))
        }
    }
}
