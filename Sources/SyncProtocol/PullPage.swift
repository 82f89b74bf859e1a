import SyncCore

/// A record that left the pulling device's scope (PROTOCOL.md §14b): the device removes
/// its copy; nothing is deleted for anyone else.
public struct ForgottenRecord: Sendable, Hashable {
    public let collection: String
    public let id: String

    public init(collection: String, id: String) {
        self.collection = collection
        self.id = id
    }
}

/// One page of the change feed, the answer to `GET /v1/sync/pull` (PROTOCOL.md §14):
/// `{"records":[…],"cursor":"…","more":…}`, with `"forget":[…]` when records left the
/// device's scope.
public struct PullPage: Sendable, Equatable {
    public let records: [RecordState]
    /// Records that left the device's scope, to remove (§14b); empty for most pages.
    public let forget: [ForgottenRecord]
    /// Days after a forum is held that a facilitator's laptop keeps its participants'
    /// identities (§14c); `nil` when the server says nothing.
    public let retentionDays: Int?
    /// Days after which a device drops its tombstones, as the server purges its own
    /// (§14d); `nil` when the server says nothing.
    public let tombstoneDays: Int?
    /// The opaque cursor to store with this page and send next time.
    public let cursor: String
    /// Whether more pages follow.
    public let more: Bool
    /// The server's incarnation (§14a); a client that sees it change re-offers its states.
    public let incarnation: String?

    public init(records: [RecordState], cursor: String, more: Bool, incarnation: String? = nil,
                forget: [ForgottenRecord] = [], retentionDays: Int? = nil, tombstoneDays: Int? = nil) {
        self.records = records
        self.tombstoneDays = tombstoneDays
        self.forget = forget
        self.retentionDays = retentionDays
        self.cursor = cursor
        self.more = more
        self.incarnation = incarnation
    }

    /// The body of a page whose records are already in canonical form (the server keeps
    /// them so): nothing is decoded or re-encoded.
    public static func body(canonicalRecords: [[UInt8]], cursor: String, more: Bool, incarnation: String? = nil,
                            forget: [ForgottenRecord] = [], retentionDays: Int? = nil, tombstoneDays: Int? = nil) -> [UInt8] {
        var body: [UInt8] = Array(#"{"records":["#.utf8)
        body.reserveCapacity(canonicalRecords.reduce(64) { $0 + $1.count + 1 })
        for (index, record) in canonicalRecords.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body.append(contentsOf: record)
        }
        body.append(contentsOf: Array(#"],"cursor":"#.utf8))
        JSONWriter.writeString(cursor, into: &body)
        body.append(contentsOf: Array(#","more":\#(more)"#.utf8))
        if let incarnation {
            body.append(contentsOf: Array(#","incarnation":"#.utf8))
            JSONWriter.writeString(incarnation, into: &body)
        }
        if let retentionDays { body.append(contentsOf: Array(#","retentionDays":\#(retentionDays)"#.utf8)) }
        if let tombstoneDays { body.append(contentsOf: Array(#","tombstoneDays":\#(tombstoneDays)"#.utf8)) }
        if !forget.isEmpty {
            body.append(contentsOf: Array(#","forget":"#.utf8))
            JSONWriter.write(.array(forget.map { ["collection": .string($0.collection), "id": .string($0.id)] }), into: &body)
        }
        body.append(UInt8(ascii: "}"))
        return body
    }

    /// The body of this page.
    public var body: [UInt8] {
        Self.body(canonicalRecords: records.map { $0.canonicalJSON }, cursor: cursor, more: more, incarnation: incarnation,
                  forget: forget, retentionDays: retentionDays, tombstoneDays: tombstoneDays)
    }

    /// A page read strictly: every record a valid state.
    public init(body bytes: [UInt8]) throws(WireDecodingError) {
        // The records straight from the bytes; anything unusual is left to the tree path
        // below, which reports it.
        if let batch = RecordBatch(jsonBytes: bytes), let cursor = batch.members["cursor"]?.stringValue,
           let more = batch.members["more"]?.boolValue {
            self.init(records: batch.records, cursor: cursor, more: more, incarnation: batch.members["incarnation"]?.stringValue,
                      forget: try Self.forgotten(batch.members["forget"]),
                      retentionDays: Self.days(batch.members["retentionDays"]),
                      tombstoneDays: Self.days(batch.members["tombstoneDays"]))
            return
        }
        let json: JSONValue
        do { json = try JSONParser().parse(bytes) } catch {
            throw WireDecodingError("the server's answer is not valid JSON (\(error.code.rawValue))")
        }
        guard let items = json["records"]?.arrayValue, let cursor = json["cursor"]?.stringValue,
              let more = json["more"]?.boolValue else {
            throw WireDecodingError("the pull answer lacks records, cursor or more")
        }
        var records: [RecordState] = []
        records.reserveCapacity(items.count)
        for item in items {
            do { records.append(try RecordState(json: item)) } catch {
                throw WireDecodingError("the server sent an invalid record state (\(error.code.rawValue))")
            }
        }
        self.init(records: records, cursor: cursor, more: more, incarnation: json["incarnation"]?.stringValue,
                  forget: try Self.forgotten(json["forget"]), retentionDays: Self.days(json["retentionDays"]),
                  tombstoneDays: Self.days(json["tombstoneDays"]))
    }

    /// A `retentionDays` or `tombstoneDays` of 1–36,500; anything else is ignored (none).
    static func days(_ value: JSONValue?) -> Int? {
        guard let days = value?.integerValue, (1...36_500).contains(days) else { return nil }
        return Int(days)
    }

    /// The `forget` member: absent, or an array of `{"collection","id"}`.
    static func forgotten(_ value: JSONValue?) throws(WireDecodingError) -> [ForgottenRecord] {
        guard let value else { return [] }
        guard let items = value.arrayValue else { throw WireDecodingError("the pull answer's forget is not an array") }
        var result: [ForgottenRecord] = []
        for item in items {
            guard let collection = item["collection"]?.stringValue, let id = item["id"]?.stringValue else {
                throw WireDecodingError("a forget entry lacks collection or id")
            }
            result.append(ForgottenRecord(collection: collection, id: id))
        }
        return result
    }
}
