/// A small least-recently-used cache of prepared statements, keyed by SQL text.
///
/// Capacity is small (tens), so eviction scans linearly instead of keeping a linked list.
struct StatementCache {
    private struct Entry {
        let statement: Statement
        var lastUse: UInt64
    }

    /// The most statements kept; 0 disables caching.
    let capacity: Int
    private var entries: [String: Entry] = [:]
    private var clock: UInt64 = 0

    init(capacity: Int) { self.capacity = max(0, capacity) }

    /// The number of cached statements.
    var count: Int { entries.count }

    /// The cached statement for `sql`, marked as just used.
    mutating func statement(for sql: String) -> Statement? {
        // One hash of the SQL text per hit: a local write looks up a dozen statements, and
        // hashing each text twice (read, then write back) was 5 % of the write's time.
        guard let index = entries.index(forKey: sql) else { return nil }
        clock &+= 1
        entries.values[index].lastUse = clock
        return entries.values[index].statement
    }

    /// Caches `statement`, evicting the least recently used one when full. An evicted
    /// statement is finalized once its last outside reference is gone.
    mutating func insert(_ statement: Statement, for sql: String) {
        guard capacity > 0 else { return }
        if entries[sql] == nil, entries.count >= capacity,
           let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
            entries[oldest] = nil
        }
        clock &+= 1
        entries[sql] = Entry(statement: statement, lastUse: clock)
    }

    mutating func removeAll() { entries.removeAll() }
}
