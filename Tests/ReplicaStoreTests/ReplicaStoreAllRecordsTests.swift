import Foundation
import Testing
import SyncCore
import TestSupport
@testable import ReplicaStore

private let devA = RecordFixtures.replica("dev-a")

/// `allRecords` reads a whole collection page by page, for the server's and the field
/// client's record lookups alike: nothing is skipped or read twice at page edges.
@Suite struct ReplicaStoreAllRecordsTests {
    func store(attendances count: Int, forumOf: (Int) -> String) throws -> (TemporaryDirectory, ReplicaStore) {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir, indexed: ["attendance": ["forumId"]])
        for index in 0..<count {
            var state = RecordState(collection: "attendance", id: String(format: "a%03d", index))
            try state.write(["forumId": .string(forumOf(index))], by: devA,
                            at: HybridTimestamp(wallMillis: 1_764_000_000_000 + Int64(index)))
            try store.save(state)
        }
        return (dir, store)
    }

    @Test(arguments: [1, 3, 4, 5, 12])
    func everyRecordOnceWhateverThePageSize(pageSize: Int) throws {
        let (_, store) = try store(attendances: 12, forumOf: { $0 % 2 == 0 ? "even" : "odd" })
        let all = try store.allRecords(in: "attendance", pageSize: pageSize).map(\.id)
        #expect(all == (0..<12).map { String(format: "a%03d", $0) })
        let even = try store.allRecords(in: "attendance", where: "forumId", equals: "even", pageSize: pageSize).map(\.id)
        #expect(even == stride(from: 0, to: 12, by: 2).map { String(format: "a%03d", $0) })
    }

    @Test func deletedRecordsAreIncludedOnlyWhenAsked() throws {
        let (_, store) = try store(attendances: 3, forumOf: { _ in "f" })
        var gone = try #require(try store.state(collection: "attendance", id: "a001"))
        _ = gone.delete(by: devA, at: HybridTimestamp(wallMillis: 1_764_000_100_000))
        try store.save(gone)
        #expect(try store.allRecords(in: "attendance", pageSize: 2).count == 3)
        #expect(try store.allRecords(in: "attendance", includeDeleted: false, pageSize: 2).map(\.id) == ["a000", "a002"])
        #expect(try store.allRecords(in: "attendance", where: "forumId", equals: "f", pageSize: 2).map(\.id) == ["a000", "a002"])
    }
}
