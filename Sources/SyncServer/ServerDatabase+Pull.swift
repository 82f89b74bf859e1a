import ReplicaStore
import SyncCore
import SyncProtocol

extension ServerDatabase {
    /// One page of the feed for `device`, written straight from the stored canonical
    /// bytes: `{"records":[…],"cursor":"…","more":…}`. Nothing is decoded or re-encoded,
    /// and only one page is ever in memory.
    /// - Parameters:
    ///   - cursor: the cursor from the previous page, `nil` or empty for the beginning.
    ///   - limit: records per page, `nil` for the default.
    /// - Throws: 400 `invalid_cursor`, 400 `invalid_request` for a bad limit, `storage_error`.
    func pull(cursor: String?, limit: String?, device: Device) throws(SyncServerError) -> (body: [UInt8], count: Int) {
        let pageSize: Int
        if let limit {
            guard let value = Int(limit), (1...configuration.maxPullLimit).contains(value) else {
                throw SyncServerError(.invalidRequest, "limit must be an integer from 1 to \(configuration.maxPullLimit).")
            }
            pageSize = value
        } else {
            pageSize = configuration.defaultPullLimit
        }
        // One transaction for the whole page: its reads see one snapshot and take SQLite's
        // file locks once (one implicit transaction per record read cost a third of the
        // pull's time in fcntl), and the two bookkeeping updates share one commit.
        return try locked { try store.connection.transaction(.immediate) {
            let since = try Self.parseCursor(cursor, last: try store.lastSequence())
            let page = try store.rawFeed(since: since, limit: pageSize, tags: Self.pullTags(for: device))
            let next = page.rows.last?.sequence ?? since
            let body = PullPage.body(canonicalRecords: page.rows.compactMap(\.json), cursor: String(next), more: page.hasMore,
                                     incarnation: ledger.incarnation,
                                     forget: page.rows.filter { $0.json == nil }.map { ForgottenRecord(collection: $0.collection, id: $0.id) },
                                     retentionDays: configuration.laptopRetentionDays)
            let now = clock()
            try store.connection.execute("UPDATE device SET last_pull = ? WHERE id = ?", [.integer(now), .text(device.id)])
            try countActivity(pulls: 1)
            return (body, page.rows.count)
        } }
    }

    /// The server sequence a cursor stands for. A cursor is the decimal sequence; one
    /// beyond the server's last sequence can only come from a database restored from an
    /// older backup, and is refused so the client starts over instead of missing changes.
    static func parseCursor(_ cursor: String?, last: Int64) throws(SyncServerError) -> Int64 {
        guard let cursor, !cursor.isEmpty else { return 0 }
        guard cursor.utf8.count <= 18, cursor.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let value = Int64(cursor), value <= last else {
            throw SyncServerError(.invalidCursor, "The cursor is not one this server issued.")
        }
        return value
    }
}
