import Foundation
import HTTPServer
import SyncCore

/// Keeps refusals out of the per-request log: a refused request or connection (limits,
/// rate limits, failed authentication, framing errors, timeouts) is counted by its error
/// code, and `flush` writes one summary line per interval with the counts, so a flood of
/// hostile connections costs a counter increment each instead of a log line each.
///
/// ```json
/// {"event":"refusals","counts":{"invalid_token":1312,"too_many_connections_from_address":88},"interval_s":60,"time":"…"}
/// ```
final class RefusalLog: @unchecked Sendable {
    /// Error codes that are refusals. Everything else is logged line by line.
    static let codes: Set<String> = Set(HTTPParseError.Code.allCases.map(\.rawValue)).union([
        "request_timeout", "too_many_connections", "too_many_connections_from_address", "server_busy",
        "rate_limited", "missing_token", "invalid_token", "device_revoked", "invalid_enrollment_code",
    ])

    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    private var intervalStart = Date()
    private let write: @Sendable (String) -> Void
    private let timer: DispatchSourceTimer
    private var stopped = false

    /// Starts summarising.
    /// - Parameters:
    ///   - interval: seconds between summaries (`refusalLogInterval`).
    ///   - write: receives each summary line.
    init(interval: Double, write: @escaping @Sendable (String) -> Void) {
        self.write = write
        let interval = max(interval, 0.1)
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "SyncServer.refusals"))
        timer.schedule(deadline: .now() + interval, repeating: interval)
        // Resumed at once: a suspended dispatch source must never be released.
        timer.setEventHandler { [weak self] in self?.flush() }
        timer.resume()
    }

    /// Stops the timer and writes what is left. Safe to call twice.
    func stop() {
        let first = lock.withLock { () -> Bool in defer { stopped = true }; return !stopped }
        guard first else { return }
        timer.cancel()
        flush()
    }

    /// The refusal code of an entry, or `nil` when it is an ordinary request.
    static func refusalCode(of entry: HTTPAccessLogEntry) -> String? {
        guard let code = entry.logFields["error"], codes.contains(code) else { return nil }
        return code
    }

    /// Counts a refusal for the next summary.
    func count(_ code: String) {
        lock.withLock { counts[code, default: 0] += 1 }
    }

    /// Writes the summary of refusals since the last one, if there were any.
    func flush(at date: Date = Date()) {
        let (pending, start) = lock.withLock { () -> ([String: Int], Date) in
            defer { counts = [:]; intervalStart = date }
            return (counts, intervalStart)
        }
        guard !pending.isEmpty else { return }
        let object: [JSONKey: JSONValue] = [
            "time": .string(RequestLog.iso8601(date)), "event": .string("refusals"),
            "interval_s": .integer(Int64(max(0, date.timeIntervalSince(start)).rounded())),
            "counts": JSONValue(object: pending.mapValues { .integer(Int64($0)) }),
        ]
        write(JSONWriter.string(.object(object)))
    }
}
