extension ServerStore {
    /// Runs `body`, a transaction that answers nothing durable, committing it without a
    /// sync of its own when the server syncs every COMMIT (`synchronous` `.full`); the
    /// connection syncs every COMMIT again afterwards, also when `body` throws.
    ///
    /// For a pull page: its COMMIT holds only bookkeeping (the device's last pull and how
    /// far it pulled, today's pull count), which a power loss may roll back harmlessly (a
    /// tombstone purge then waits a little longer, a count is one short). Everything the
    /// page reads was committed, and synced, before. In WAL mode the next synced COMMIT (or
    /// checkpoint) syncs the whole log, so what survives a power loss is always a prefix of
    /// the commits, and an answered push after this one is never on the disk without it.
    /// With the sync, every pull page cost an `fsync` under the server's one lock
    /// (BENCHMARKS.md, "Durable commits and group commit (session 10)").
    /// - Throws: what `body` throws, or the error of putting the setting back (which SQLite
    ///   reports only when out of memory).
    func withoutOwnSync<T>(_ body: () throws -> T) throws -> T {
        guard configuration.synchronous == .full else { return try body() }
        try store.connection.execute("PRAGMA synchronous=NORMAL")
        let result = Result { try body() }
        try store.connection.execute("PRAGMA synchronous=\(configuration.synchronous.pragma.rawValue)")
        return try result.get()
    }
}
