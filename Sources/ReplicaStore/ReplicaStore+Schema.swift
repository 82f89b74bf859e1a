import SQLite

extension ReplicaStore {
    /// The store's schema steps, in order. Append only; a host (the server, the client)
    /// registers its own tables after these through `Configuration.hostMigrations`.
    static func registerMigrations(in migrator: inout Migrator) {
        migrator.register("replica store v1", sql: """
            CREATE TABLE record (
                rowid INTEGER PRIMARY KEY,
                collection TEXT NOT NULL,
                id TEXT NOT NULL,
                state BLOB NOT NULL,          -- canonical JSON of the RecordState
                seq INTEGER NOT NULL,         -- change sequence: assigned anew at every change
                deleted INTEGER NOT NULL,
                conflict INTEGER NOT NULL,
                conflict_fields TEXT,         -- ' f1 f2 ' (spaces around each name) while in conflict
                conflict_since INTEGER,       -- ms since 1970 when the conflict was first seen
                review_flags TEXT,            -- ' code1 code2 ' set by the host, NULL when none
                pending_seq INTEGER,          -- client: seq of the latest unacknowledged local change
                updated_at INTEGER NOT NULL   -- ms since 1970 of the last change here
            );
            CREATE UNIQUE INDEX record_key ON record(collection, id);
            CREATE UNIQUE INDEX record_seq ON record(seq);
            CREATE INDEX record_conflict ON record(conflict_since) WHERE conflict = 1;
            CREATE INDEX record_review ON record(updated_at) WHERE review_flags IS NOT NULL;
            CREATE INDEX record_pending ON record(pending_seq) WHERE pending_seq IS NOT NULL;
            -- Visible values of indexed fields, for filtered listing without loading the store.
            CREATE TABLE record_field (
                collection TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL, id TEXT NOT NULL,
                PRIMARY KEY (collection, field, value, id)
            ) WITHOUT ROWID;
            CREATE INDEX record_field_record ON record_field(collection, id);
            -- Scope tags (e.g. municipality) with the record's current seq, for scoped feeds.
            CREATE TABLE record_tag (
                tag TEXT NOT NULL, seq INTEGER NOT NULL, record INTEGER NOT NULL,
                PRIMARY KEY (tag, seq)
            ) WITHOUT ROWID;
            CREATE INDEX record_tag_record ON record_tag(record);
            CREATE TABLE checkpoint (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
            """)
    }
}
