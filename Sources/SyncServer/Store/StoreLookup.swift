import ReplicaStore
import SyncCore

/// Read access to the server's current record states for the domain rules. Only used
/// while the server holds its store lock. Read failures count as "unknown record", which
/// the rules treat as a missing reference (a refusal, never a crash).
public final class StoreLookup {
    let store: ReplicaStore
    /// Most states carried from one memoising scope to the next (`SyncServerConfiguration.lookupCarryCapacity`).
    let carryCapacity: Int

    init(store: ReplicaStore, carryCapacity: Int = 0) {
        self.store = store
        self.carryCapacity = max(0, carryCapacity)
    }

    /// Records read per query when listing.
    static let pageSize = 500

    /// States read or written during a push, by record; `nil` when not memoising. A push
    /// asks for the same parents (forum, participant, attendance) again and again: for
    /// validation, scope, review flags and dependents of every record.
    private var memo: [RecordKey: RecordState?]?

    /// The highest sequence any device has been served (`ServerStore.devicesServedThrough`),
    /// read once per memoising scope: only a pull or an enrolment raises it, and neither
    /// runs inside a push's or an import's lock.
    private var servedThrough: Int64?

    /// How many record states this lookup has read from the store (memo hits excluded):
    /// what the cost of a push follows, so tests can hold it to the size of the change.
    private(set) var statesRead = 0

    /// The state of one record, `nil` when unknown.
    public func state(collection: String, id: String) -> RecordState? {
        (try? storedState(collection: collection, id: id)) ?? nil
    }

    /// The stored state of one record, memoised during a push; read failures are thrown
    /// (and not memoised), where `state(collection:id:)` takes them for "unknown".
    func storedState(collection: String, id: String) throws(ReplicaStoreError) -> RecordState? {
        let key = RecordKey(collection: collection, id: id)
        if memo != nil, carryCapacity > 0 { touched.insert(key) }
        if let memo, let known = memo[key] { return known }
        let state = try store.state(collection: collection, id: id)
        statesRead += 1
        memo?[key] = .some(state)
        return state
    }

    /// Runs `body` with states memoised. Sound only while every write to the store goes
    /// through `note(_:)` (the server holds the lock and files every stored state through
    /// `ServerStore.filed`). When `body` throws, the memo is dropped, so a rolled-back write
    /// is never remembered past the transaction. When it returns (its transaction
    /// committed), the memo is carried to the next scope, up to `carryCapacity` states,
    /// and used there only if nothing wrote to the database in between: neither this
    /// connection (its total of changed rows is the same) nor any other (SQLite's
    /// `data_version` is the same).
    func memoising<T>(_ body: () throws -> T) rethrows -> T {
        memo = carried.flatMap { $0.mark == currentMark() ? $0.states : nil } ?? [:]
        carried = nil
        servedThrough = nil
        touched = []
        defer { memo = nil; servedThrough = nil; touched = [] }
        let result = try body()
        carry()
        return result
    }

    /// Keeps the memo for the next scope: all of it while within the capacity, else only
    /// what this scope read or stored (what an older scope left and this one did not need
    /// goes first), else nothing.
    private func carry() {
        guard let memo, let mark = currentMark() else { return }
        if memo.count <= carryCapacity {
            carried = (memo, mark)
        } else if touched.count <= carryCapacity {
            carried = (memo.filter { touched.contains($0.key) }, mark)
        }
    }

    /// Records read or noted in this scope.
    private var touched: Set<RecordKey> = []

    /// What the last memoising scope knew, and the database's mark when it ended.
    private var carried: (states: [RecordKey: RecordState?], mark: WriteMark)?

    /// Where the database's writes stood: this connection's changed rows, and the data
    /// version that moves with any other connection's commits.
    private struct WriteMark: Equatable {
        let changes: Int64
        let dataVersion: Int64
    }

    private func currentMark() -> WriteMark? {
        guard carryCapacity > 0, let version = try? store.connection.dataVersion() else { return nil }
        return WriteMark(changes: store.connection.totalChanges, dataVersion: version)
    }

    /// Empties the memo (keeping memoisation on): what it held may include writes just
    /// rolled back to a savepoint (a push of a group that failed).
    func forgetMemoised() {
        if memo != nil { memo = [:] }
    }

    /// Tells the memo what was just stored for a record.
    func note(_ state: RecordState) {
        guard memo != nil else { return }
        let key = RecordKey(collection: state.collection, id: state.id)
        memo?[key] = .some(state)
        if carryCapacity > 0 { touched.insert(key) }
    }

    /// The devices' highest served sequence, from `read` once per memoising scope (every
    /// time when not memoising).
    func devicesServedThrough(_ read: () throws -> Int64) rethrows -> Int64 {
        guard memo != nil else { return try read() }
        if let servedThrough { return servedThrough }
        let value = try read()
        servedThrough = value
        return value
    }

    /// Tells the memo what is stored for a record, `nil` when nothing is, as read by the
    /// caller (the push's merge reads the records it merges itself).
    func note(stored state: RecordState?, collection: String, id: String) {
        guard memo != nil else { return }
        let key = RecordKey(collection: collection, id: id)
        memo?[key] = .some(state)
        if carryCapacity > 0 { touched.insert(key) }
    }

    struct RecordKey: Hashable {
        let collection: String
        let id: String
    }

    /// Every record of a collection (deleted ones included), paged from the store.
    public func states(collection: String) -> [RecordState] {
        let states = (try? store.allRecords(in: collection, pageSize: Self.pageSize)) ?? []
        statesRead += states.count
        return states
    }

    /// Live records of `collection` whose indexed `field` shows `value`.
    public func states(collection: String, where field: String, equals value: String) -> [RecordState] {
        let states = (try? store.allRecords(in: collection, where: field, equals: .string(value), pageSize: Self.pageSize)) ?? []
        statesRead += states.count
        return states
    }
}
