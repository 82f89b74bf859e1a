/// Why a client operation failed. The code is stable (scripts and `--json` output read it);
/// the message is English for developers and never holds record contents or tokens.
/// The CLI shows people a translated text chosen by the code.
public struct ClientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Stable codes.
    public enum Code: String, Sendable, CaseIterable {
        /// No connection could be made (refused, no route, name not found, connection lost).
        case serverUnreachable = "server_unreachable"
        /// The server did not answer in time.
        case timeout
        /// The server's TLS certificate could not be verified against the trusted
        /// certificate authorities (the system's, or the profile's CA file), or that file
        /// could not be read. Not transient: nothing was sent.
        case tlsFailed = "tls_failed"
        /// The server answered 5xx.
        case serverError = "server_error"
        /// The server says this device was revoked.
        case deviceRevoked = "device_revoked"
        /// The server did not accept the token (missing or invalid), or the enrolment code.
        case unauthorized
        /// The server's answer was not what the protocol says, or it refused the request as malformed.
        case protocolError = "protocol_error"
        /// The local replica or profile could not be read or written.
        case storageError = "storage_error"
        /// This profile has not been enrolled with a server.
        case notEnrolled = "not_enrolled"
        /// The domain rules or the device's role refuse a local write (see `domainCode`).
        case refused
        /// The profile is already enrolled.
        case alreadyEnrolled = "already_enrolled"
        /// A record named by id or prefix does not exist locally.
        case notFound = "not_found"
        /// The profile file is readable by others and could not be made private.
        case insecureProfile = "insecure_profile"
    }

    /// The `detailParams` key of a `device_revoked` that asks the device to wipe itself.
    public static let wipeParameter = "wipe"
    /// The `detailParams` key of how many records a wipe removed.
    public static let wipedParameter = "wiped"

    /// The stable code.
    public let code: Code
    /// English text for developers; no personal data.
    public let message: String
    /// The server's or the domain's own code when there is one (e.g. `invalid_token`, `role_forbidden`).
    public let detailCode: String?
    /// Parameters of the domain message (field names, statuses; never values).
    public let detailParams: [String: String]

    /// Creates an error.
    public init(_ code: Code, _ message: String, detailCode: String? = nil, detailParams: [String: String] = [:]) {
        self.code = code
        self.message = message
        self.detailCode = detailCode
        self.detailParams = detailParams
    }

    /// Whether trying again soon may succeed: the network or an overloaded proxy failed,
    /// not the request.
    public var isTransient: Bool {
        switch code {
        case .serverUnreachable, .timeout: return true
        case .serverError: return ["502", "503", "504"].contains(detailCode ?? "")
        default: return false
        }
    }

    public var description: String {
        code.rawValue + (detailCode.map { " (\($0))" } ?? "") + ": " + message
    }
}
