import ForumModel
import Foundation
import Digest
import ReplicaStore
import SQLite
import SyncCore

/// The server's devices: added with a one-time enrolment code, enrolled for a bearer token,
/// authenticated, listed, revoked (and wiped); the dashboard's login links. A room of the
/// shared `ServerStore`.
public struct DeviceRegistry: ServerRoom, Sendable {
    /// The shared store.
    public let server: ServerStore

    /// The room of `server` (also `server.deviceRegistry`).
    public init(_ server: ServerStore) { self.server = server }
}

extension DeviceRegistry {
    /// Adds a device and creates its one-time enrolment code.
    /// - Parameters:
    ///   - name: a name for people (never logged).
    ///   - role: one of `policy.roles`.
    ///   - municipalities: at least one.
    /// - Throws: `invalid_role`, `invalid_municipality`, `storage_error`.
    public func addDevice(name: String, role: String, municipalities: [String]) throws(SyncServerError) -> NewDevice {
        guard policy.roles.contains(role) else {
            throw SyncServerError(AdminErrorCode.invalidRole, "The role must be one of \(policy.roles.joined(separator: ", ")).")
        }
        // NFC, so that the names compare by bytes as scope tags do (pasted text is often NFD).
        let cleaned = municipalities.map { $0.trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping }
        guard !cleaned.isEmpty, cleaned.allSatisfy({ !$0.isEmpty && !$0.contains("\n") }) else {
            throw SyncServerError(AdminErrorCode.invalidMunicipality, "Give at least one municipality; names may not be empty.")
        }
        if let known = policy.municipalities, let unknown = cleaned.first(where: { !known.contains($0) }) {
            let nearest = NearestNames.nearest(to: unknown, in: known)
            throw SyncServerError(AdminErrorCode.unknownMunicipality, "The municipality is not one the server knows.",
                                  extra: ["suggestions": .array(nearest.map(JSONValue.string))])
        }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw SyncServerError(AdminErrorCode.invalidName, "The device name may not be empty.")
        }
        let code = SecureRandom.enrolmentCode()
        return try locked {
            try store.connection.transaction(.immediate) {
                let now = clock()
                var id = SecureRandom.deviceID()
                while try store.connection.queryOne("SELECT 1 FROM device WHERE id = ?", [.text(id)], row: { _ in 1 }) != nil {
                    id = SecureRandom.deviceID()
                }
                try store.connection.execute("INSERT INTO device (id, name, role, municipalities, created) VALUES (?, ?, ?, ?, ?)",
                                             [.text(id), .text(name), .text(role), .text(cleaned.joined(separator: "\n")),
                                              .integer(now)])
                let expires = now + configuration.enrolmentCodeLifetime * 1000
                try store.connection.execute("INSERT INTO enrolment_code (code_hash, device, expires) VALUES (?, ?, ?)",
                                             [.text(SHA256.hex(SecureRandom.normalisedCode(code))), .text(id), .integer(expires)])
                let device = Device(id: id, name: name, role: role, municipalities: cleaned, created: now,
                                    enrolled: false)
                try audit(.deviceAdd, subject: id)
                return NewDevice(device: device, code: code, expires: expires)
            }
        }
    }

    /// Exchanges a one-time code for a bearer token. Unknown, used and expired codes get
    /// the same answer, so the endpoint tells an attacker nothing.
    /// - Throws: 401 `invalid_enrollment_code`, `storage_error`.
    public func enroll(code: String) throws(SyncServerError) -> Enrolment {
        let codeHash = SHA256.hex(SecureRandom.normalisedCode(code))
        let token = SecureRandom.token()
        return try locked {
            try store.connection.transaction(.immediate) {
                let now = clock()
                let row = try store.connection.queryOne(
                    "SELECT device, expires, used_at FROM enrolment_code WHERE code_hash = ?", [.text(codeHash)]
                ) { (try $0.text(at: 0), try $0.int64(at: 1), try $0.optionalInt64(at: 2)) }
                guard let row, row.2 == nil, row.1 > now, let device = try device(id: row.0), device.revokedAt == nil else {
                    throw SyncServerError(.invalidEnrollmentCode,
                                                       "The enrolment code is unknown, used or expired.")
                }
                try store.connection.execute("UPDATE enrolment_code SET used_at = ? WHERE code_hash = ?",
                                             [.integer(now), .text(codeHash)])
                // A new device holds nothing yet, so no tombstone purged before now concerns it:
                // it is past every purge so far (PROTOCOL.md §14d), and its first push is not
                // sent back for a resync.
                try store.connection.execute("UPDATE device SET token_hash = ?, pulled_through = ? WHERE id = ?",
                                             [.text(SHA256.hex(token)), .integer(try store.lastSequence()), .text(device.id)])
                var enrolled = device
                enrolled.enrolled = true
                return Enrolment(device: enrolled, token: token)
            }
        }
    }

    /// The device a bearer token belongs to.
    ///
    /// The token is hashed, the row found by its hash, and the stored hash compared with
    /// the computed one in constant time, so timing reveals nothing of stored hashes.
    /// - Throws: 401 `invalid_token` or `device_revoked`.
    /// - Parameter wipedRecords: a revoked device's report of its wipe (the request's
    ///   `Forum-Wiped` header): recorded, audited, and the device is told it is revoked.
    /// - Throws: 401 `device_revoked`, with `"wipe": true` while a wipe asked for is not
    ///   reported yet (PROTOCOL.md §12).
    public func authenticate(token: String, wipedRecords: Int? = nil) throws(SyncServerError) -> Device {
        guard token.utf8.count == 64, HexEncoding.decode(token) != nil else {
            throw SyncServerError(.invalidToken, "The bearer token is not valid.")
        }
        let computed = SHA256.hash(token)
        let found: (String, Device?)? = try locked {
            let stored = try store.connection.queryOne("SELECT token_hash, id FROM device WHERE token_hash = ?",
                                                       [.text(HexEncoding.encode(computed))]) {
                (try $0.text(at: 0), try $0.text(at: 1))
            }
            guard let stored else { return nil }
            return (stored.0, try device(id: stored.1))
        }
        guard let found, let storedHash = HexEncoding.decode(found.0), ConstantTime.equals(storedHash, computed),
              let device = found.1 else {
            throw SyncServerError(.invalidToken, "The bearer token is not valid.")
        }
        guard device.revokedAt == nil else {
            guard device.wipeRequested != nil, device.wipeConfirmed == nil else {
                throw SyncServerError(.deviceRevoked, "This device has been revoked.")
            }
            guard let wipedRecords, wipedRecords >= 0 else {
                throw SyncServerError(.deviceRevoked, "This device has been revoked; remove its synced records.",
                                      extra: ["wipe": .bool(true)])
            }
            try locked {
                try store.connection.transaction(.immediate) {
                    try store.connection.execute("UPDATE device SET wipe_confirmed = ?, wiped_records = ? WHERE id = ?",
                                                 [.integer(clock()), .integer(Int64(wipedRecords)), .text(device.id)])
                    try audit(.deviceWipeConfirmed, subject: device.id, actor: device.id)
                }
            }
            throw SyncServerError(.deviceRevoked, "This device has been revoked.")
        }
        return device
    }

    /// Every device, newest first, with its count of pending conflicts.
    public func devices() throws(SyncServerError) -> [Device] {
        try locked {
            var devices = try store.connection.query("\(Self.deviceColumns) ORDER BY created DESC, id") { try Self.device(from: $0) }
            let counts = try ConflictDesk(server).pendingConflictCounts()
            for index in devices.indices { devices[index].pendingConflicts = counts[devices[index].id] ?? 0 }
            return devices
        }
    }

    /// Revokes a device: its token stops working at once; its unused code too.
    /// - Throws: `not_found`, `storage_error`.
    /// - Parameter wipe: revoke and wipe: at its next contact the device removes every
    ///   record it holds that is synced (keeping unsynced changes for export) and reports
    ///   how many; `device list` and the audit trail show it.
    public func revokeDevice(id: String, wipe: Bool = false) throws(SyncServerError) {
        try locked {
            guard try device(id: id) != nil else { throw SyncServerError.notFound("device") }
            try store.connection.transaction(.immediate) {
                try store.connection.execute("UPDATE device SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?",
                                             [.integer(clock()), .text(id)])
                if wipe {
                    try store.connection.execute("UPDATE device SET wipe_requested = COALESCE(wipe_requested, ?) WHERE id = ?",
                                                 [.integer(clock()), .text(id)])
                }
                try audit(wipe ? .deviceRevokeWipe : .deviceRevoke, subject: id)
            }
        }
    }

    static let deviceColumns = """
        SELECT id, name, role, municipalities, created, revoked_at, last_push, last_pull, token_hash IS NOT NULL,
               wipe_requested, wipe_confirmed, wiped_records FROM device
        """

    /// One device, `nil` when unknown (inside the lock).
    func device(id: String) throws -> Device? {
        try store.connection.queryOne("\(Self.deviceColumns) WHERE id = ?", [.text(id)]) { try Self.device(from: $0) }
    }

    static func device(from row: Row) throws -> Device {
        Device(id: try row.text(at: 0), name: try row.text(at: 1), role: try row.text(at: 2),
               municipalities: try row.text(at: 3).split(separator: "\n").map(String.init),
               created: try row.int64(at: 4), revokedAt: try row.optionalInt64(at: 5),
               lastPush: try row.optionalInt64(at: 6), lastPull: try row.optionalInt64(at: 7),
               enrolled: try row.int64(at: 8) == 1, wipeRequested: try row.optionalInt64(at: 9),
               wipeConfirmed: try row.optionalInt64(at: 10), wipedRecords: try row.optionalInt64(at: 11).map(Int.init))
    }
}
