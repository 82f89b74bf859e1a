import ReplicaStore
import SyncCore
import SyncProtocol

extension SyncLedger {
    /// One page of the feed for `device`, written straight from the stored canonical
    /// bytes: `{"records":[…],"cursor":"…","more":…}`. Nothing is decoded or re-encoded,
    /// and only one page is ever in memory.
    /// - Parameters:
    ///   - cursor: the cursor from the previous page, `nil` or empty for the beginning.
    ///   - limit: records per page, `nil` for the default.
    /// - Throws: 400 `invalid_cursor`, 400 `invalid_request` for a bad limit, 410
    ///   `resync_required` for a cursor behind purged tombstones, `storage_error`.
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
        // pull's time in fcntl), and the two bookkeeping updates share one commit, which
        // needs no sync of its own (`withoutOwnSync`).
        return try locked { try server.withoutOwnSync { try store.connection.transaction(.immediate) {
            let last = try store.lastSequence()
            let purges = try tombstonePurges()
            let position = try Self.parseCursor(cursor, last: last, epoch: purges.epoch)
            let since = position.sequence
            try requireCurrent(device, cursor: position, purges: purges)
            let page = try store.rawFeed(since: since, limit: pageSize, tags: ServerStore.pullTags(for: device))
            // The last page stands for every change so far, in scope or not: a device whose
            // scope is quiet still moves past other municipalities' tombstones, so it never
            // holds their purge back (§14d).
            let next = page.hasMore ? (page.rows.last?.sequence ?? since) : max(page.rows.last?.sequence ?? since, last)
            let body = PullPage.body(canonicalRecords: page.rows.compactMap(\.json),
                                     cursor: Self.cursor(next, epoch: purges.epoch), more: page.hasMore,
                                     incarnation: ledger.incarnation,
                                     forget: page.rows.filter { $0.json == nil }.map { ForgottenRecord(collection: $0.collection, id: $0.id) },
                                     retentionDays: configuration.laptopRetentionDays,
                                     tombstoneDays: configuration.tombstoneHorizonDays)
            let now = clock()
            try store.connection.execute("""
                UPDATE device SET last_pull = ?, pulled_through = MAX(COALESCE(pulled_through, 0), ?) WHERE id = ?
                """, [.integer(now), .integer(next), .text(device.id)])
            try server.countActivity(pulls: 1)
            return (body, page.rows.count)
        } } }
    }

    /// A cursor: the change sequence, and after the first tombstone purge the purge epoch
    /// it was issued in (`"120"`, `"120.3"`), so a walk from the beginning that began after
    /// the last purge goes on below the watermark (PROTOCOL.md §14d).
    static func cursor(_ sequence: Int64, epoch: Int64) -> String {
        epoch > 0 ? "\(sequence).\(epoch)" : String(sequence)
    }

    /// The position a cursor stands for. A cursor beyond the server's last sequence, or
    /// from a purge epoch the server has not reached, can only come from a database restored
    /// from an older backup, and is refused so the client starts over instead of missing
    /// changes.
    static func parseCursor(_ cursor: String?, last: Int64, epoch current: Int64) throws(SyncServerError) -> CursorPosition {
        guard let cursor, !cursor.isEmpty else { return CursorPosition(sequence: 0, epoch: current) }
        let parts = cursor.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
              parts.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 18 && $0.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }),
              let sequence = Int64(parts[0]), sequence <= last,
              let epoch = parts.count == 2 ? Int64(parts[1]) : 0, epoch <= current else {
            throw SyncServerError(.invalidCursor, "The cursor is not one this server issued.")
        }
        return CursorPosition(sequence: sequence, epoch: epoch)
    }
}

/// Where a pull cursor stands: after `sequence`, issued in tombstone purge `epoch`.
struct CursorPosition: Equatable {
    var sequence: Int64
    var epoch: Int64
}
