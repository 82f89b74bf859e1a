import AdminDashboard
import SQLite

extension DeviceRegistry {
    /// Creates a one-time login link for the admin dashboard and stores its token's hash,
    /// valid for `configuration.dashboard.loginLinkLifetime` seconds. Used and expired
    /// links older than a day are swept at the same time.
    /// - Returns: the link; its URL is shown once and never stored.
    /// - Throws: `storage_error`.
    public func createLoginLink() throws(SyncServerError) -> LoginLink {
        let link = LoginLink.create(publicURL: configuration.dashboard.publicURL)
        try locked {
            let now = clock()
            try store.connection.execute("DELETE FROM admin_login WHERE expires < ?", [.integer(now - 86_400_000)])
            try store.connection.execute("INSERT INTO admin_login (token_hash, expires) VALUES (?, ?)",
                                         [.text(link.tokenHash), .integer(now + configuration.dashboard.loginLinkLifetime * 1000)])
        }
        return link
    }

    /// Uses up a login link: `.valid` once, then `.used`; `.expired` after its lifetime.
    /// - Parameters:
    ///   - tokenHash: SHA-256 hex of the presented token.
    ///   - nowMillis: the current time.
    /// - Throws: `storage_error`.
    public func consumeLoginToken(hash tokenHash: String, nowMillis: Int64) throws(SyncServerError) -> LoginTokenStatus {
        try locked {
            try store.transaction {
                let row = try store.connection.queryOne("SELECT expires, used_at FROM admin_login WHERE token_hash = ?",
                                                        [.text(tokenHash)]) { (try $0.int64(at: 0), try $0.optionalInt64(at: 1)) }
                guard let row else { return .unknown }
                if row.1 != nil { return .used }
                if row.0 <= nowMillis { return .expired }
                try store.connection.execute("UPDATE admin_login SET used_at = ? WHERE token_hash = ?",
                                             [.integer(nowMillis), .text(tokenHash)])
                try audit(.dashboardLogin, subject: "dashboard")
                return .valid
            }
        }
    }
}
