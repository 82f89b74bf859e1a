import SyncCore

/// What a device did offline with personal data that the server's audit trail records
/// (PROTOCOL.md §13a): exports of payment lists, attendance reports and the replica.
public enum DeviceAuditAction: String, Sendable, CaseIterable {
    /// A payment list (names and amounts) was written out.
    case paymentListExport = "payment_list_export"
    /// An attendance report was written out.
    case attendanceReportExport = "attendance_report_export"
    /// The replica's records were written out (a handover or a revoked laptop's changes).
    case replicaExport = "replica_export"
}

/// One event a device reports: its own id for it (so a resent report is recorded once),
/// what, when (ms since 1970, the device's clock) and what it concerned (ids and periods,
/// never a name or any field value).
public struct DeviceAuditEvent: Sendable, Equatable {
    public let id: String
    public let action: DeviceAuditAction
    public let atMillis: Int64
    public let subject: String

    public init(id: String, action: DeviceAuditAction, atMillis: Int64, subject: String) {
        self.id = id
        self.action = action
        self.atMillis = atMillis
        self.subject = subject
    }

    /// Whether `subject` is what a subject may be: 1–200 bytes of letters (Swedish ones
    /// included), digits, space and `._:/-`. Ids, municipality names and dates fit; free
    /// text with anything else does not.
    public static func isValidSubject(_ subject: String) -> Bool {
        guard (1...200).contains(subject.utf8.count) else { return false }
        return subject.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || " ._:/-".unicodeScalars.contains(scalar)
        }
    }
}

/// The body of `POST /v1/audit` (PROTOCOL.md §13a): `{"events":[{"id","action","at","subject"}, …]}`.
public struct AuditReport: Sendable, Equatable {
    /// Most events in one report.
    public static let maxEvents = 100
    public let events: [DeviceAuditEvent]

    public init(events: [DeviceAuditEvent]) { self.events = events }

    /// The body as sent.
    public var body: [UInt8] {
        JSONWriter.bytes(["events": .array(events.map { event in
            ["id": .string(event.id), "action": .string(event.action.rawValue), "at": .integer(event.atMillis),
             "subject": .string(event.subject)]
        })])
    }

    /// A body read strictly: 1–100 events, each with exactly `id` (1–64 bytes of
    /// `[A-Za-z0-9._-]`), a known `action`, `at` ≥ 0 and a valid `subject`.
    /// - Throws: `invalid_json`, `invalid_request`.
    public init(body bytes: [UInt8]) throws(WireError) {
        let json: JSONValue
        do { json = try JSONParser().parse(bytes) } catch { throw WireError(.invalidJSON, "The body is not valid JSON.") }
        guard let object = json.objectValue, object.count == 1, let items = json["events"]?.arrayValue,
              (1...Self.maxEvents).contains(items.count) else {
            throw WireError(.invalidRequest, "The body must be {\"events\":[…]} with 1-\(Self.maxEvents) events.")
        }
        var events: [DeviceAuditEvent] = []
        for (index, item) in items.enumerated() {
            guard item.objectValue?.count == 4, let id = item["id"]?.stringValue, RecordState.isValidRecordID(id),
                  let action = item["action"]?.stringValue.flatMap(DeviceAuditAction.init(rawValue:)),
                  let at = item["at"]?.integerValue, at >= 0,
                  let subject = item["subject"]?.stringValue, DeviceAuditEvent.isValidSubject(subject) else {
                throw WireError(.invalidRequest, "Event \(index) must have id, a known action, at and a subject of ids.",
                                extra: ["index": .integer(Int64(index))])
            }
            events.append(DeviceAuditEvent(id: id, action: action, atMillis: at, subject: subject))
        }
        self.events = events
    }
}

/// The answer to an audit report: how many events were new.
public struct AuditReceipt: Sendable, Equatable {
    public let recorded: Int

    public init(recorded: Int) { self.recorded = recorded }

    public var body: [UInt8] { JSONWriter.bytes(["recorded": .integer(Int64(recorded))]) }

    public init(body bytes: [UInt8]) throws(WireDecodingError) {
        guard let json = try? JSONParser().parse(bytes), let recorded = json["recorded"]?.integerValue, recorded >= 0 else {
            throw WireDecodingError("the audit answer lacks recorded")
        }
        self.recorded = Int(recorded)
    }
}
