import Foundation

/// Counters kept in memory since the process started, for `/metrics`.
final class ServerMetrics: @unchecked Sendable {
    private let lock = NSLock()
    private var requests: [RequestKey: Int] = [:]
    private var pushed = 0
    private var pulled = 0
    /// Requests answered and seconds spent answering them, by route template.
    private var durations: [String: (count: Int, seconds: Double)] = [:]
    /// Refused requests and connections by error code (see `RefusalLog`).
    private var refusals: [String: Int] = [:]

    struct RequestKey: Hashable {
        let route: String
        let status: Int
    }

    /// Counts an answered request and the seconds its handler took.
    func countRequest(route: String, status: Int, seconds: Double) {
        lock.withLock {
            requests[RequestKey(route: route, status: status), default: 0] += 1
            let total = durations[route] ?? (0, 0)
            durations[route] = (total.count + 1, total.seconds + max(0, seconds))
        }
    }

    /// Counts a refused request or connection under its error code.
    func countRefusal(code: String) { lock.withLock { refusals[code, default: 0] += 1 } }

    /// Refusals counted so far, by code.
    func refusalCounts() -> [String: Int] { lock.withLock { refusals } }

    func countPushed(_ count: Int) { lock.withLock { pushed += count } }
    func countPulled(_ count: Int) { lock.withLock { pulled += count } }

    /// A copy of the counters.
    func snapshot() -> (requests: [RequestKey: Int], pushed: Int, pulled: Int,
                        durations: [String: (count: Int, seconds: Double)]) {
        lock.withLock { (requests, pushed, pulled, durations) }
    }
}

extension SyncService {
    /// The Prometheus text exposition of counters and gauges. Devices appear by id only.
    func metricsText() throws(SyncServerError) -> String {
        let counters = metrics.snapshot()
        let gauges = try status.gauges()
        var lines: [String] = []
        lines.append("# HELP forum_http_requests_total HTTP requests answered, by route template and status.")
        lines.append("# TYPE forum_http_requests_total counter")
        for (key, count) in counters.requests.sorted(by: { ($0.key.route, $0.key.status) < ($1.key.route, $1.key.status) }) {
            lines.append("forum_http_requests_total{route=\"\(key.route)\",status=\"\(key.status)\"} \(count)")
        }
        lines.append("# HELP forum_request_duration_seconds Seconds spent answering requests (from the parsed request to its answer), by route template.")
        lines.append("# TYPE forum_request_duration_seconds summary")
        for (route, total) in counters.durations.sorted(by: { $0.key < $1.key }) {
            lines.append("forum_request_duration_seconds_sum{route=\"\(route)\"} " + String(format: "%.6f", total.seconds))
            lines.append("forum_request_duration_seconds_count{route=\"\(route)\"} \(total.count)")
        }
        lines.append("# HELP forum_http_refusals_total Requests and connections refused before or instead of handling (limits, rate limits, authentication, framing), by error code.")
        lines.append("# TYPE forum_http_refusals_total counter")
        for (code, count) in metrics.refusalCounts().sorted(by: { $0.key < $1.key }) {
            lines.append("forum_http_refusals_total{code=\"\(code)\"} \(count)")
        }
        lines.append("# HELP forum_records_pushed_total Records received in pushes.")
        lines.append("# TYPE forum_records_pushed_total counter")
        lines.append("forum_records_pushed_total \(counters.pushed)")
        lines.append("# HELP forum_records_pulled_total Records sent in pulls.")
        lines.append("# TYPE forum_records_pulled_total counter")
        lines.append("forum_records_pulled_total \(counters.pulled)")
        lines.append("# HELP forum_open_conflicts Records with an open conflict.")
        lines.append("# TYPE forum_open_conflicts gauge")
        lines.append("forum_open_conflicts \(gauges.openConflicts)")
        lines.append("# HELP forum_review_flags Records with review flags and no conflict.")
        lines.append("# TYPE forum_review_flags gauge")
        lines.append("forum_review_flags \(gauges.reviewFlags)")
        lines.append("# HELP forum_devices Devices by state: active (enrolled), pending (code not used yet), revoked.")
        lines.append("# TYPE forum_devices gauge")
        lines.append("forum_devices{state=\"active\"} \(gauges.activeDevices)")
        lines.append("forum_devices{state=\"pending\"} \(gauges.pendingDevices)")
        lines.append("forum_devices{state=\"revoked\"} \(gauges.revokedDevices)")
        lines.append("# HELP forum_device_seconds_since_sync Seconds since an active device last pushed or pulled.")
        lines.append("# TYPE forum_device_seconds_since_sync gauge")
        for item in gauges.secondsSinceSync {
            lines.append("forum_device_seconds_since_sync{device=\"\(item.device)\"} \(item.seconds)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
