import Foundation

/// Enrolment: trading a one-time code for this device's identity and token.
public enum Enrollment {
    /// Enrols with the server at `serverURL` and saves the profile at `location`.
    ///
    /// - Parameters:
    ///   - serverURL: the server's base URL.
    ///   - code: the one-time code from `forum-server device add`.
    ///   - location: where the profile and the replica go.
    ///   - transport: the transport to use; HTTP to `serverURL` when `nil`.
    ///   - configuration: timeouts.
    ///   - caFile: the absolute path of a PEM file of the certificate authorities to trust
    ///     for this server instead of the system's; kept in the profile for every later sync.
    ///   - replacing: replace a profile the location holds (`Reenrolment` does, after
    ///     taking its unsynced work aside); otherwise that is refused.
    /// - Returns: the saved profile.
    /// - Throws: `already_enrolled` when the location holds a profile and `replacing` is
    ///   false (its replica's pending changes carry that identity and must not be sent
    ///   under another);
    ///   `unauthorized` for an unknown, used or expired code; `tls_failed` when the server's
    ///   certificate cannot be verified; network errors;
    ///   `storage_error` when the profile cannot be saved.
    public static func enroll(serverURL: String, code: String, location: ProfileLocation,
                              transport: (any SyncTransport)? = nil,
                              configuration: ClientConfiguration = ClientConfiguration(),
                              replacing: Bool = false, caFile: String? = nil) throws(ClientError) -> ClientProfile {
        let normalized = serverURL.hasSuffix("/") ? String(serverURL.dropLast()) : serverURL
        guard replacing || !ClientProfile.exists(at: location.configPath) else {
            throw ClientError(.alreadyEnrolled, "this profile is already enrolled; use another data directory")
        }
        let channel: any SyncTransport
        if let transport { channel = transport } else {
            channel = try HTTPSyncTransport(baseURL: normalized, token: nil, configuration: configuration, caFile: caFile)
        }
        let grant = try channel.enroll(code: code.trimmingCharacters(in: .whitespaces))
        let profile = ClientProfile(serverURL: normalized, replica: grant.replica, token: grant.token, role: grant.role,
                                    municipalities: grant.municipalities, serverReplica: grant.serverReplica,
                                    caFile: caFile)
        try profile.save(to: location.configPath)
        return profile
    }
}
