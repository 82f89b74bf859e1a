import SyncCore

/// The answer to a push (PROTOCOL.md §13): `{"batch","results":[…],"serverTime":[ms,n]}`.
public struct PushResponse: Sendable, Equatable {
    public let batch: String
    /// One result per pushed record, in request order.
    public let results: [PushResult]
    /// The server's clock when it answered; a client observes it (§7) when present.
    public let serverTime: HybridTimestamp?
    /// The server's incarnation (§14a); a client that sees it change re-offers its states.
    public let incarnation: String?

    public init(batch: String, results: [PushResult], serverTime: HybridTimestamp?, incarnation: String? = nil) {
        self.batch = batch
        self.results = results
        self.serverTime = serverTime
        self.incarnation = incarnation
    }

    /// The body as sent.
    public var body: [UInt8] {
        var object: [JSONKey: JSONValue] = ["batch": .string(batch), "results": .array(results.map(\.jsonValue))]
        if let serverTime {
            object["serverTime"] = .array([.integer(serverTime.wallMillis), .integer(Int64(serverTime.logical))])
        }
        if let incarnation { object["incarnation"] = .string(incarnation) }
        return JSONWriter.bytes(.object(object))
    }

    /// An answer read strictly; a `serverTime` that is not `[ms, 0…2^32-1]` is ignored.
    public init(body bytes: [UInt8]) throws(WireDecodingError) {
        let json: JSONValue
        do { json = try JSONParser().parse(bytes) } catch {
            throw WireDecodingError("the server's answer is not valid JSON (\(error.code.rawValue))")
        }
        guard let batch = json["batch"]?.stringValue, let items = json["results"]?.arrayValue else {
            throw WireDecodingError("the push answer lacks batch or results")
        }
        var results: [PushResult] = []
        results.reserveCapacity(items.count)
        for item in items { results.append(try PushResult(json: item)) }
        var time: HybridTimestamp?
        if let parts = json["serverTime"]?.arrayValue, parts.count == 2, let millis = parts[0].integerValue,
           let logical = parts[1].integerValue, logical >= 0, logical <= Int64(UInt32.max) {
            time = HybridTimestamp(wallMillis: millis, logical: UInt32(logical))
        }
        self.init(batch: batch, results: results, serverTime: time, incarnation: json["incarnation"]?.stringValue)
    }
}
