/// The server's own tables, registered after the replica store's through
/// `ReplicaStore.Configuration.hostMigrations`. Append only.
enum ServerSchema {
    static let migrations: [(name: String, sql: String)] = [
        ("server v1", """
            CREATE TABLE device (
                id TEXT PRIMARY KEY,          -- the device's replica id, dev-<8 hex>
                name TEXT NOT NULL,
                role TEXT NOT NULL,           -- facilitator | coordinator | admin
                municipalities TEXT NOT NULL, -- newline-separated
                token_hash TEXT UNIQUE,       -- SHA-256 hex of the bearer token, NULL before enrolment
                created INTEGER NOT NULL,     -- ms since 1970
                revoked_at INTEGER,
                last_push INTEGER,
                last_pull INTEGER
            ) WITHOUT ROWID;
            CREATE TABLE enrolment_code (
                code_hash TEXT PRIMARY KEY,   -- SHA-256 hex of the normalised code
                device TEXT NOT NULL REFERENCES device(id),
                expires INTEGER NOT NULL,     -- ms since 1970
                used_at INTEGER
            ) WITHOUT ROWID;
            CREATE TABLE push_response (
                device TEXT NOT NULL,
                batch TEXT NOT NULL,
                response BLOB NOT NULL,       -- the exact 200 body, replayed for a repeated batch
                created INTEGER NOT NULL,
                PRIMARY KEY (device, batch)
            ) WITHOUT ROWID;
            CREATE INDEX push_response_created ON push_response(created);
            CREATE TABLE sync_day (
                day TEXT PRIMARY KEY,         -- YYYY-MM-DD, Europe/Stockholm
                pushes INTEGER NOT NULL DEFAULT 0,
                pulls INTEGER NOT NULL DEFAULT 0,
                conflicts INTEGER NOT NULL DEFAULT 0
            ) WITHOUT ROWID;
            """),
        ("admin dashboard v1", """
            CREATE TABLE admin_login (
                token_hash TEXT PRIMARY KEY,  -- SHA-256 hex of a login link's token
                expires INTEGER NOT NULL,     -- ms since 1970
                used_at INTEGER
            ) WITHOUT ROWID;
            """),
        // A reused batch id is told from a resend by the body (409 batch_id_reused).
        ("push body digest v1", """
            ALTER TABLE push_response ADD COLUMN body_sha256 BLOB; -- SHA-256 of the request body; NULL before this step
            """),
        // Who did what with personal data and devices (issue 17). Ids only, never names.
        ("audit v1", """
            CREATE TABLE audit (
                seq INTEGER PRIMARY KEY,
                at INTEGER NOT NULL,          -- ms since 1970
                actor TEXT NOT NULL,          -- admin (the server's CLI or dashboard)
                action TEXT NOT NULL,         -- device_add | device_revoke | conflict_resolve | participant_erase
                subject TEXT NOT NULL         -- a device id or collection/record id
            );
            """),
        // Revoke and wipe (issue 17): the device purges its synced data at its next contact.
        ("wipe v1", """
            ALTER TABLE device ADD COLUMN wipe_requested INTEGER;  -- ms since 1970, NULL: revoked without wipe
            ALTER TABLE device ADD COLUMN wipe_confirmed INTEGER;  -- ms since 1970 the device reported its purge
            ALTER TABLE device ADD COLUMN wiped_records INTEGER;   -- how many records it removed
            """),
        // Bounded tombstones (issue 17): a tombstone goes once every active device pulled past it.
        ("tombstones v1", """
            ALTER TABLE device ADD COLUMN pulled_through INTEGER;  -- the last cursor served to it, NULL before its first pull
            """),
        // Devices report their exports (issue 17), each event once (a resent report is not doubled).
        ("device audit v1", """
            ALTER TABLE audit ADD COLUMN event TEXT;               -- the device's id for the event, NULL for the server's own
            CREATE UNIQUE INDEX audit_event ON audit(actor, event) WHERE event IS NOT NULL;
            """),
    ]

    /// Collections whose fields are indexed for the scope rules (attendances of a
    /// participant, honoraria of an attendance).
    static let indexedFields: [String: Set<String>] = [
        "attendance": ["forumId", "participantId"],
        "honorarium": ["attendanceId"],
    ]
}
