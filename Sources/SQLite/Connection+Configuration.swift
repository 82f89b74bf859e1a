extension Connection {
    /// How a connection is opened and tuned. Every field has a safe default.
    public struct Configuration: Sendable, Equatable {
        /// How long a statement waits for another connection's lock before failing with
        /// code `busy`, in milliseconds. Default 5000. Values below 0 count as 0.
        public var busyTimeout: Int
        /// Whether to switch a file database to write-ahead logging, so readers (and
        /// backups) never block the writer. Default `true`. Ignored for read-only and
        /// in-memory databases.
        public var journalModeWAL: Bool
        /// `PRAGMA synchronous`. Default `.normal`, which in WAL mode is durable except for
        /// the last transactions before a power loss, and never corrupts.
        public var synchronous: Synchronous
        /// `PRAGMA foreign_keys`. Default `true`.
        public var foreignKeys: Bool
        /// The most prepared statements kept by `cachedStatement(sql:)`, in statements.
        /// Default 64; 0 disables caching.
        public var statementCacheCapacity: Int
        /// Open without write access (`SQLITE_OPEN_READONLY`). Default `false`.
        public var readOnly: Bool
        /// Create the file when it does not exist (`SQLITE_OPEN_CREATE`). Default `true`.
        /// Ignored when `readOnly`.
        public var createIfMissing: Bool
        /// The page cache of this connection (`PRAGMA cache_size`), in KiB. Default 16,384
        /// (16 MiB; SQLite's own default is 2 MiB). A large merge dirties index pages all
        /// over a B-tree whose keys are random-looking ids; with a small cache they are
        /// spilled to the WAL and read back within one transaction.
        public var cacheSizeKiB: Int
        /// How much of the database file SQLite may read through a memory map
        /// (`PRAGMA mmap_size`), in KiB. Default 0: off, pages are read with `pread`.
        /// Mapped, pages in the OS cache are read without a system call and a copy each:
        /// with 2 GiB (SQLite's cap on Debian), an incremental sync against a store of a
        /// million records took 5.9 ms instead of 8.2 ms. But every mapped page the
        /// process touches counts in its resident set, so a server that streams a whole
        /// store to a new device grows by the size of the store (149.8 MiB instead of
        /// about 50 at 100,000 records), which is why it is not the default. Ignored for
        /// in-memory databases.
        public var mmapSizeKiB: Int

        /// Creates a configuration; omitted fields take their documented defaults.
        public init(busyTimeout: Int = 5000, journalModeWAL: Bool = true,
                    synchronous: Synchronous = .normal, foreignKeys: Bool = true,
                    statementCacheCapacity: Int = 64, readOnly: Bool = false,
                    createIfMissing: Bool = true, cacheSizeKiB: Int = 16_384,
                    mmapSizeKiB: Int = 0) {
            self.busyTimeout = busyTimeout
            self.journalModeWAL = journalModeWAL
            self.synchronous = synchronous
            self.foreignKeys = foreignKeys
            self.statementCacheCapacity = statementCacheCapacity
            self.readOnly = readOnly
            self.createIfMissing = createIfMissing
            self.cacheSizeKiB = cacheSizeKiB
            self.mmapSizeKiB = mmapSizeKiB
        }
    }

    /// Values of `PRAGMA synchronous`.
    public enum Synchronous: String, Sendable, Equatable {
        case off = "OFF", normal = "NORMAL", full = "FULL", extra = "EXTRA"
    }
}
