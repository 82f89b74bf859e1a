import Foundation
import HTTPServer
import Messages
import SyncCore

/// One structured JSON line per request: time (ISO-8601 UTC), device id, route template,
/// status, record count, duration and error code. Built only from the access-log entry's
/// status and timing and the handler's log fields, which carry ids and codes, so names,
/// record values, tokens, query strings and raw paths can never reach the log.
public enum RequestLog {
    /// The fields a handler may put in the log; anything else is dropped.
    static let allowedFields: Set<String> = ["device", "route", "records", "error", "replayed"]

    /// The log line (without newline) for one completed request.
    public static func line(for entry: HTTPAccessLogEntry, at date: Date = Date()) -> String {
        var object: [JSONKey: JSONValue] = [
            "time": .string(iso8601(date)),
            "status": .integer(Int64(entry.status.code)),
            "duration_ms": .integer(Int64((entry.duration * 1000).rounded())),
            "route": .string(entry.logFields["route"] ?? (entry.path == nil ? "-" : "unknown")),
        ]
        if let method = entry.method { object["method"] = .string(method.rawValue) }
        for (key, value) in entry.logFields where allowedFields.contains(key) && key != "route" {
            if key == "records", let count = Int64(value) { object[JSONKey(key)] = .integer(count) } else { object[JSONKey(key)] = .string(value) }
        }
        if !entry.completed { object["incomplete"] = .bool(true) }
        return JSONWriter.string(.object(object))
    }

    /// `2026-11-24T12:00:00.123Z`, without `DateFormatter` (not thread-safe everywhere).
    static func iso8601(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
        let days = CivilDate.daysSinceEpoch(containingSecond: Int(seconds))
        let secondOfDay = Int64(Int(seconds) - days * 86_400)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return CivilDate(daysSinceEpoch: days).iso8601 + "T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay % 3600 / 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(millis - seconds * 1000, 3))Z"
    }
}
