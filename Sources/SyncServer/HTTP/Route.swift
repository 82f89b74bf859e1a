import HTTPServer

/// The routes of the server; `template` is what logs and metrics show (never the raw
/// path, which could carry anything a client sends).
enum Route: Equatable {
    case health, metrics, enroll, push, pull, audit
    case unsupportedVersion
    case unknown

    var template: String {
        switch self {
        case .health: "/healthz"
        case .metrics: "/metrics"
        case .enroll: "/v1/enroll"
        case .push: "/v1/sync/push"
        case .pull: "/v1/sync/pull"
        case .audit: "/v1/audit"
        case .unsupportedVersion: "/v{n}/*"
        case .unknown: "unknown"
        }
    }

    /// Whether requests need a device's bearer token (checked at the head, before the body).
    var needsToken: Bool { self == .push || self == .pull || self == .audit }

    var methods: [HTTPMethod] {
        switch self {
        case .health, .metrics: [.get, .head]
        case .pull: [.get, .head]
        case .enroll, .push, .audit: [.post]
        case .unsupportedVersion, .unknown: []
        }
    }
}

extension SyncService {
    /// The route of a path (still percent-encoded; routes are plain ASCII).
    static func route(for path: String) -> Route {
        switch path {
        case "/healthz": return .health
        case "/metrics": return .metrics
        case "/v1/enroll": return .enroll
        case "/v1/sync/push": return .push
        case "/v1/sync/pull": return .pull
        case "/v1/audit": return .audit
        default:
            let first = path.split(separator: "/", omittingEmptySubsequences: true).first ?? ""
            if first.count >= 2, first.first == "v", first.dropFirst().allSatisfy(\.isNumber), first != "v1" {
                return .unsupportedVersion
            }
            return .unknown
        }
    }
}
