import SyncCore

/// One record's conflicts in full: every value of every conflicting field with its writer,
/// and the record's values as the viewer may see them.
///
/// The one conflict view of the package: the admin CLI, the dashboard and the field client
/// build it with ``fields(of:shownAs:writer:)``, which is where values are redacted, and
/// render it each in their own way.
public struct ConflictDetail: Sendable, Equatable {
    public var listing: ConflictListing
    /// Each field in conflict with all its values.
    public var fields: [FieldConflict]
    /// The record's shown values (redacted), by field name, for review flags and context.
    public var currentValues: [(field: String, value: String)]

    public init(listing: ConflictListing, fields: [FieldConflict], currentValues: [(field: String, value: String)]) {
        self.listing = listing
        self.fields = fields
        self.currentValues = currentValues
    }

    public static func == (a: ConflictDetail, b: ConflictDetail) -> Bool {
        a.listing == b.listing && a.fields == b.fields
            && a.currentValues.map(\.field) == b.currentValues.map(\.field)
            && a.currentValues.map(\.value) == b.currentValues.map(\.value)
    }

    /// The conflicting fields of `state`, every value listed by its id and writer, and shown
    /// only as far as `view` shows it.
    ///
    /// - Parameters:
    ///   - state: The record as stored, conflicts included.
    ///   - view: The same record as the viewer may see it (`Redaction`): a value the view
    ///     does not hold at the same dot is listed without its value, so it can still be
    ///     chosen but is never shown.
    ///   - writer: The name and role of a writing replica, `nil` when unknown.
    public static func fields(of state: RecordState, shownAs view: RecordState,
                              writer: (ReplicaID) -> ConflictWriter?) -> [FieldConflict] {
        state.conflicts.map { conflict in
            let name = FieldConflict.fieldName(of: conflict)
            let shown = view.fields[name]?.entries ?? []
            return FieldConflict(field: name, values: (state.fields[name]?.entries ?? []).map { entry in
                let who = writer(entry.dot.replica)
                return ConflictOption(dot: entry.dot, time: entry.time, shownValue: shown.first { $0.dot == entry.dot }?.value,
                                      writerName: who?.name, writerRole: who?.role)
            })
        }
    }

    /// The record's values as `view` shows them, internal fields (`_…`) left out, by name.
    public static func currentValues(of view: RecordState) -> [(field: String, value: String)] {
        view.visibleValues.filter { !$0.key.hasPrefix("_") }.sorted { $0.key < $1.key }
            .map { (field: $0.key, value: JSONWriter.string($0.value)) }
    }
}

/// Who wrote a value: a device's name and role, the server, or the viewer's own device.
public struct ConflictWriter: Sendable, Equatable {
    public var name: String
    /// `facilitator`, `coordinator`, `admin`, `server` or `this_device`.
    public var role: String

    public init(name: String, role: String) {
        self.name = name
        self.role = role
    }

    /// The server (an administrator's resolution).
    public static let server = ConflictWriter(name: "server", role: "server")
    /// The device the conflict is shown on ("this laptop"); its name is the viewer's own.
    public static let thisDevice = ConflictWriter(name: "", role: "this_device")

    /// Whether this is the server.
    public var isServer: Bool { role == Self.server.role }
    /// Whether this is the viewer's own device.
    public var isThisDevice: Bool { role == Self.thisDevice.role }
}
