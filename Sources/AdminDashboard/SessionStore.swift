import Digest
import Foundation
import WebPage

/// The dashboard's sessions, in memory: a restart of the server logs every admin out,
/// which is the safe failure. Sessions are found by the SHA-256 of their cookie value and
/// end after `DashboardConfiguration.sessionIdleTimeout` seconds without a request.
final class SessionStore: @unchecked Sendable {
    /// A live session.
    struct Session: Sendable, Equatable {
        /// The per-session CSRF token every state-changing form must carry.
        let csrfToken: String
        /// The last request, ms since 1970.
        var lastSeenMillis: Int64
    }

    private let lock = NSLock()
    private var sessions: [String: Session] = [:]
    private let idleMillis: Int64
    private let maxSessions: Int

    init(configuration: DashboardConfiguration) {
        idleMillis = configuration.sessionIdleTimeout * 1000
        maxSessions = max(1, configuration.maxSessions)
    }

    /// Starts a session and returns its cookie value (64 hex characters).
    func create(nowMillis: Int64) -> (cookie: String, session: Session) {
        let cookie = Secret.hex(byteCount: 32)
        let session = Session(csrfToken: Secret.hex(byteCount: 32), lastSeenMillis: nowMillis)
        lock.withLock {
            removeExpired(nowMillis: nowMillis)
            if sessions.count >= maxSessions, let oldest = sessions.min(by: { $0.value.lastSeenMillis < $1.value.lastSeenMillis }) {
                sessions[oldest.key] = nil
            }
            sessions[SHA256.hex(cookie)] = session
        }
        return (cookie, session)
    }

    /// The session of `cookie` when it is live, touched so its idle time starts again;
    /// `nil` (and the session removed) when it has expired.
    func touch(cookie: String, nowMillis: Int64) -> Session? {
        guard cookie.utf8.count == 64 else { return nil }
        let key = SHA256.hex(cookie)
        return lock.withLock {
            guard var session = sessions[key] else { return nil }
            guard nowMillis - session.lastSeenMillis <= idleMillis else {
                sessions[key] = nil
                return nil
            }
            session.lastSeenMillis = nowMillis
            sessions[key] = session
            return session
        }
    }

    /// Ends the session of `cookie`.
    func end(cookie: String) {
        let key = SHA256.hex(cookie)
        lock.withLock { sessions[key] = nil }
    }

    /// The number of live sessions (expired ones included until the next sweep).
    var count: Int { lock.withLock { sessions.count } }

    private func removeExpired(nowMillis: Int64) {
        sessions = sessions.filter { nowMillis - $0.value.lastSeenMillis <= idleMillis }
    }
}
