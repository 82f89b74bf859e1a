import SQLite
import SyncCore

extension ReplicaStore {
    /// The latest state of each record changed after `sequence`, in sequence order.
    ///
    /// With `tags`, only records filed under at least one of them (scope). Pages are
    /// read through the sequence index; no more than `limit + 1` states are loaded. Tag
    /// rows that deliver nothing (one whose sequence is no longer its record's) are passed
    /// over, so `hasMore` is true exactly when changes remain after the page.
    /// - Complexity: O(tags · (limit + s) · log n), s the tag rows passed over.
    public func changes(since sequence: Int64, limit: Int, tags: [String]? = nil) throws(ReplicaStoreError) -> ChangePage {
        let page = try rawChanges(since: sequence, limit: limit, tags: tags)
        var changes: [(sequence: Int64, state: RecordState)] = []
        changes.reserveCapacity(page.rows.count)
        for row in page.rows { changes.append((row.sequence, try decode(row.json))) }
        return ChangePage(changes: changes, nextSequence: changes.last?.sequence ?? sequence, hasMore: page.hasMore)
    }

    /// The canonical JSON of each record changed after `sequence`, unparsed: what the
    /// server streams to a pulling device without decoding and re-encoding every state.
    /// Records that left the scope are not listed (see `rawFeed` for those).
    public func rawChanges(since sequence: Int64, limit: Int, tags: [String]? = nil)
        throws(ReplicaStoreError) -> (rows: [(sequence: Int64, json: [UInt8])], hasMore: Bool) {
        let feed = try rawFeed(since: sequence, limit: limit, tags: tags)
        return (feed.rows.compactMap { row in row.json.map { (row.sequence, $0) } }, feed.hasMore)
    }

    /// One entry of a scoped feed: a record's canonical state, or, for a record that left
    /// the scope (a forget row of one of the tags asked for, and none of its current tags
    /// asked for), its collection and id with no state.
    public struct FeedRow: Sendable, Equatable {
        public var sequence: Int64
        /// The canonical state; `nil` for a record that left the scope.
        public var json: [UInt8]?
        public var collection: String
        public var id: String
    }

    /// The feed after `sequence`: every record changed since, at most `limit`, in sequence
    /// order, and, with `tags`, every record that has left those tags since (PROTOCOL.md
    /// §14b). `hasMore` is true only when more entries follow, at any limit.
    public func rawFeed(since sequence: Int64, limit: Int, tags: [String]? = nil)
        throws(ReplicaStoreError) -> (rows: [FeedRow], hasMore: Bool) {
        let limit = max(1, limit)
        let rows: [FeedRow] = try run {
            guard let tags else {
                return try connection.query("SELECT seq, state, collection, id FROM record WHERE seq > ? ORDER BY seq LIMIT ?",
                                            [.integer(sequence), .integer(Int64(limit + 1))]) {
                    FeedRow(sequence: try $0.int64(at: 0), json: try $0.blob(at: 1), collection: try $0.text(at: 2), id: try $0.text(at: 3))
                }
            }
            // Each tag's next entries come in order from the (tag, seq) key; merging them in
            // memory gives the page. One query over all tags with ORDER BY made SQLite join and
            // sort every remaining row of the feed (the state blobs included) for each page,
            // so a first sync of n records cost O(n²). Forget rows (`forgetTagPrefix` + tag)
            // are read the same way; at one sequence a current tag wins over a forget row.
            //
            // A tag row delivers its record only while it carries the record's sequence. This
            // store keeps every tag row at its record's sequence, but a server database written
            // while the server pinned per-device tags (`d:…`, filed for compensating writes,
            // since dropped) may still hold such rows at older sequences. So the walk goes in
            // rounds: each reads the next `wanted` entries of every tag, takes the first
            // `wanted` of their union (all of them certainly among those read), keeps the
            // deliverable ones, and goes on after the last one it looked at until the page has
            // `limit + 1` rows or the tags run out. A short page then always means the feed
            // has ended. With every row deliverable, one round fills the page.
            let distinctTags = Set(tags)
            var page: [FeedRow] = []
            var after = sequence
            while page.count <= limit {
                let wanted = limit + 1 - page.count
                // seq → (record rowid, whether a current tag asked for files it there)
                var next: [Int64: (record: Int64, current: Bool)] = [:]
                for tag in distinctTags {
                    for (row, current) in [(tag, true), (Self.forgetTagPrefix + tag, false)] {
                        for (seq, record) in try connection.query(
                            "SELECT seq, record FROM record_tag WHERE tag = ? AND seq > ? ORDER BY seq LIMIT ?",
                            [.text(row), .integer(after), .integer(Int64(wanted))],
                            row: { (try $0.int64(at: 0), try $0.int64(at: 1)) }
                        ) where next[seq]?.current != true {
                            next[seq] = (record, current)
                        }
                    }
                }
                let candidates = next.keys.sorted().prefix(wanted)
                for seq in candidates {
                    guard let entry = next[seq], let found = try connection.queryOne(
                        "SELECT state, collection, id FROM record WHERE rowid = ? AND seq = ?", [.integer(entry.record), .integer(seq)],
                        row: { (try $0.blob(at: 0), try $0.text(at: 1), try $0.text(at: 2)) }) else { continue } // moved on
                    page.append(FeedRow(sequence: seq, json: entry.current ? found.0 : nil, collection: found.1, id: found.2))
                }
                // Fewer than wanted in the union: every tag is exhausted.
                guard candidates.count == wanted, let last = candidates.last else { break }
                after = last
            }
            return page
        }
        return (Array(rows.prefix(limit)), rows.count > limit)
    }

    // MARK: - Pending local changes

    /// Local changes not yet acknowledged by the server, oldest first; with
    /// `collectionsInOrder`, records of collections others refer to first (a forum edited
    /// after its attendance still reaches the server before it), oldest first within each,
    /// and changes moved back by `deferPending` last.
    public func pendingChanges(limit: Int, collectionsInOrder: [String] = []) throws(ReplicaStoreError) -> [PendingChange] {
        // (A constant in ORDER BY would name a column: without an order there is no rank term.)
        let rank = collectionsInOrder.isEmpty ? ""
            : "CASE collection " + collectionsInOrder.indices.map { "WHEN ?\($0 + 2) THEN \($0)" }.joined(separator: " ")
                + " ELSE \(collectionsInOrder.count) END, "
        let rows = try run {
            try connection.query("""
                SELECT pending_seq, state FROM record WHERE pending_seq IS NOT NULL
                ORDER BY pending_seq >= \(Self.deferredPendingStep), \(rank)pending_seq LIMIT ?1
                """, [.integer(Int64(max(1, limit)))] + collectionsInOrder.map(SQLValue.text)) {
                (try $0.int64(at: 0), try $0.blob(at: 1))
            }
        }
        var result: [PendingChange] = []
        result.reserveCapacity(rows.count)
        for (seq, bytes) in rows {
            result.append(PendingChange(pendingSequence: seq, state: try decode(bytes), encoded: bytes))
        }
        return result
    }

    /// How many local changes are waiting for the server.
    public func pendingCount() throws(ReplicaStoreError) -> Int {
        try run { try connection.queryOne("SELECT COUNT(*) FROM record WHERE pending_seq IS NOT NULL") { Int(try $0.int64(at: 0)) } } ?? 0
    }

    /// Marks pushed changes acknowledged. A record changed again since it was pushed has a
    /// newer pending sequence and stays pending.
    public func acknowledge(_ changes: [PendingChange]) throws(ReplicaStoreError) {
        try transaction {
            let statement = try connection.cachedStatement(
                sql: "UPDATE record SET pending_seq = NULL WHERE collection = ? AND id = ? AND pending_seq = ?")
            for change in changes {
                try statement.execute([.text(change.state.collection), .text(change.state.id), .integer(change.pendingSequence)])
            }
        }
    }

    /// Marks every record held as a pending change, to be offered to the server again
    /// (a server restored from a backup may have forgotten any of them; PROTOCOL.md §14a),
    /// in the order of `collections`: records of a collection that others refer to go
    /// first, so a re-offered attendance never reaches the server before its forum.
    /// Collections not named go last. Local changes already pending are ordered alike.
    /// - Returns: how many records became pending that were not.
    @discardableResult
    public func markAllPending(collectionsInOrder collections: [String]) throws(ReplicaStoreError) -> Int {
        try transaction {
            let before = try connection.queryOne("SELECT COUNT(*) FROM record WHERE pending_seq IS NULL") { Int(try $0.int64(at: 0)) } ?? 0
            // A pending sequence only orders the pending changes and names the one pushed:
            // the record's sequence plus a rank far beyond any sequence keeps both.
            let rankStep: Int64 = 1 << 40
            for (rank, collection) in collections.enumerated() {
                try connection.execute("UPDATE record SET pending_seq = seq + ? WHERE collection = ?",
                                       [.integer(Int64(rank + 1) * rankStep), .text(collection)])
            }
            let placeholders = collections.map { _ in "?" }.joined(separator: ",")
            try connection.execute("UPDATE record SET pending_seq = seq + ? WHERE collection NOT IN (\(placeholders))",
                                   [.integer(Int64(collections.count + 1) * rankStep)] + collections.map(SQLValue.text))
            return before
        }
    }

    /// The keys (`collection/id`) of every record with a pending local change.
    public func pendingKeys() throws(ReplicaStoreError) -> Set<String> {
        Set(try run {
            try connection.query("SELECT collection || '/' || id FROM record WHERE pending_seq IS NOT NULL") { try $0.text(at: 0) }
        })
    }

    /// Removes every record without a pending change (`forget` each), in one transaction.
    /// - Returns: how many were removed.
    public func forgetSynced() throws(ReplicaStoreError) -> Int {
        try transaction {
            let synced = try connection.query("SELECT collection, id FROM record WHERE pending_seq IS NULL") {
                (try $0.text(at: 0), try $0.text(at: 1))
            }
            for (collection, id) in synced { try forget(collection: collection, id: id) }
            return synced.count
        }
    }

    /// Copies the WAL into the database file and truncates it, so content overwritten or
    /// freed (with `secure_delete`) is gone from the files too. Outside a transaction.
    public func checkpointAndTruncate() throws(ReplicaStoreError) {
        try run { try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    /// How far `deferPending` moves a pending sequence: beyond any sequence and any rank
    /// `markAllPending` gives.
    static let deferredPendingStep: Int64 = 1 << 50

    /// Moves pushed changes the server could not take yet to the end of the pending
    /// changes, still pending, so a push goes on with the others.
    public func deferPending(_ changes: [PendingChange]) throws(ReplicaStoreError) {
        try transaction {
            let statement = try connection.cachedStatement(sql: """
                UPDATE record SET pending_seq = pending_seq + ? WHERE collection = ? AND id = ? AND pending_seq = ?
                """)
            for change in changes {
                try statement.execute([.integer(Self.deferredPendingStep), .text(change.state.collection), .text(change.state.id),
                                       .integer(change.pendingSequence)])
            }
        }
    }

    // MARK: - Checkpoints

    /// A stored checkpoint (e.g. the pull cursor), `nil` when never set.
    public func checkpoint(_ key: String) throws(ReplicaStoreError) -> String? {
        try run { try connection.queryOne("SELECT value FROM checkpoint WHERE key = ?", [.text(key)]) { try $0.text(at: 0) } }
    }

    /// Stores a checkpoint; inside `merge(_:checkpoint:)` it shares the batch's transaction.
    public func setCheckpoint(_ key: String, _ value: String) throws(ReplicaStoreError) {
        try run {
            try connection.cachedStatement(sql: "INSERT INTO checkpoint (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
                .execute([.text(key), .text(value)])
        }
    }
}
