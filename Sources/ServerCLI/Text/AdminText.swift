import Foundation
import ForumModel
import Messages
import SyncCore
import SyncServer

/// Text and JSON renderings of admin listings, shared by the CLI and (later) the web
/// dashboard. Times are shown in Europe/Stockholm.
public enum AdminText {
    /// Stockholm date and time of ms since 1970, or "never".
    static func time(_ millis: Int64?, _ l: Localizer) -> String {
        guard let millis else { return l["server.never"] }
        return StockholmTime.format(Date(timeIntervalSince1970: Double(millis) / 1000), style: .dateTime, language: l.language)
    }

    /// Left-aligned columns separated by two spaces, without a rule or a final newline:
    /// `TextTable`, whose cells pass its control-character filter (titles and names come
    /// from field devices and may hold terminal escapes).
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var text = TextTable.render(header: header, rows: rows, rule: false)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// The device table of `device list`.
    public static func devices(_ devices: [Device], _ l: Localizer) -> String {
        guard !devices.isEmpty else { return l["server.device.none"] }
        let header = ["id", "name", "role", "municipalities", "state", "last_push", "last_pull", "conflicts"]
            .map { l[MessageKey("server.device.column.\($0)")] }
        return table(header, devices.map { device in
            [device.id, device.name, device.role, device.municipalities.joined(separator: ", "),
             l[MessageKey("server.device.state.\(state(of: device))")],
             time(device.lastPush, l), time(device.lastPull, l), String(device.pendingConflicts)]
        })
    }

    static func state(of device: Device) -> String {
        if device.revokedAt != nil {
            if device.wipeConfirmed != nil { return "wiped" }
            return device.wipeRequested != nil ? "wipe_pending" : "revoked"
        }
        return device.enrolled ? "active" : "pending"
    }

    /// `device list --json`: an array of device objects (times in ms since 1970).
    public static func devicesJSON(_ devices: [Device]) -> String {
        JSONWriter.string(.array(devices.map { device in
            .object(["id": .string(device.id), "name": .string(device.name), "role": .string(device.role),
                     "municipalities": .array(device.municipalities.map(JSONValue.string)),
                     "state": .string(state(of: device)), "created": .integer(device.created),
                     "lastPush": device.lastPush.map(JSONValue.integer) ?? .null,
                     "lastPull": device.lastPull.map(JSONValue.integer) ?? .null,
                     "pendingConflicts": .integer(Int64(device.pendingConflicts)),
                     "wipedRecords": device.wipedRecords.map { JSONValue.integer(Int64($0)) } ?? .null])
        }))
    }

    /// The table of `conflicts list`: conflicts and review flags side by side.
    public static func conflicts(_ listings: [ConflictListing], _ l: Localizer) -> String {
        guard !listings.isEmpty else { return l["server.conflicts.none"] }
        let header = ["id", "record", "fields", "flags", "since"].map { l[MessageKey("server.conflicts.column.\($0)")] }
        return table(header, listings.map { item in
            [item.conflictID, item.label, item.fields.joined(separator: ", "), item.reviewFlags.joined(separator: ", "),
             time(item.sinceMillis, l)]
        })
    }

    /// `conflicts list --json`.
    public static func conflictsJSON(_ listings: [ConflictListing]) -> String {
        JSONWriter.string(.array(listings.map(listingJSON)))
    }

    static func listingJSON(_ item: ConflictListing) -> JSONValue {
        .object(["id": .string(item.conflictID), "collection": .string(item.collection), "record": .string(item.recordID),
                 "label": .string(item.label), "fields": .array(item.fields.map(JSONValue.string)),
                 "reviewFlags": .array(item.reviewFlags.map(JSONValue.string)), "since": .integer(item.sinceMillis)])
    }

    /// `conflicts show`: every value of every conflicting field with its id, writer and time.
    public static func conflict(_ detail: ConflictDetail, _ l: Localizer) -> String {
        var lines = [conflicts([detail.listing], l)]
        if detail.fields.isEmpty { lines.append(l["server.conflicts.no_open"]) }
        for field in detail.fields {
            lines.append(TextTable.printable(l["server.conflicts.field_heading", ["field": field.field]]))
            for value in field.values {
                let writer = value.writerName.map { "\($0), \(value.writerRole ?? "")" } ?? l["server.conflicts.unknown_writer"]
                lines.append(TextTable.printable(l["server.conflicts.value_line", [
                    "id": value.valueID, "value": value.value ?? l["server.conflicts.hidden_value"], "writer": writer,
                    "time": time(value.writtenMillis, l)]]))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `conflicts show --json`.
    public static func conflictJSON(_ detail: ConflictDetail) -> String {
        var object = listingJSON(detail.listing).objectValue ?? [:]
        object["conflicts"] = .array(detail.fields.map { field in
            .object(["field": .string(field.field), "values": .array(field.values.map { value in
                .object(["valueId": .string(value.valueID), "value": value.value.flatMap { try? JSONParser().parse($0) } ?? .null,
                         "replica": .string(value.replica), "writer": value.writerName.map(JSONValue.string) ?? .null,
                         "writerRole": value.writerRole.map(JSONValue.string) ?? .null,
                         "written": .integer(value.writtenMillis)])
            })])
        })
        return JSONWriter.string(.object(object))
    }
}
