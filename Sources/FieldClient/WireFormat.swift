import SyncCore

/// Encoding of requests and decoding of answers of protocol v1 (Protocol/PROTOCOL.md).
/// Decoding is strict: anything the protocol does not promise is a `protocol_error`.
enum WireFormat {
    static func enrollBody(code: String) -> [UInt8] { JSONWriter.bytes(["code": .string(code)]) }

    static func pushBody(batch: String, records: [RecordState]) -> [UInt8] {
        var out = Array(#"{"batch":"#.utf8)
        JSONWriter.writeString(batch, into: &out)
        out.append(contentsOf: Array(#","records":["#.utf8))
        for (index, record) in records.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            record.writeCanonicalJSON(into: &out)
        }
        out.append(contentsOf: Array("]}".utf8))
        return out
    }

    static func parse(_ bytes: [UInt8]) throws(ClientError) -> JSONValue {
        do { return try JSONParser().parse(bytes) } catch {
            throw ClientError(.protocolError, "the server's answer is not valid JSON (\(error.code.rawValue))")
        }
    }

    static func grant(_ bytes: [UInt8]) throws(ClientError) -> EnrollmentGrant {
        let json = try parse(bytes)
        guard let replicaText = json["replica"]?.stringValue, let replica = ReplicaID(replicaText),
              let token = json["token"]?.stringValue, token.utf8.count == 64,
              let role = json["role"]?.stringValue, let list = json["municipalities"]?.arrayValue else {
            throw ClientError(.protocolError, "the enrolment answer lacks replica, token, role or municipalities")
        }
        return EnrollmentGrant(replica: replica, token: token, role: role,
                               municipalities: list.compactMap(\.stringValue),
                               serverReplica: json["serverReplica"]?.stringValue ?? "server")
    }

    /// The most parameters kept from a refusal's reason. Default 8; the domain's messages
    /// use at most 2.
    static let maximumReasonParameters = 8
    /// The longest parameter name and value kept, in characters. Default 64: field names,
    /// statuses and limits are far shorter.
    static let maximumReasonParameterLength = 64

    /// A refusal's parameters: string values only, within the limits above; anything else
    /// the server sent is dropped (the message then falls back to the server's text).
    static func reasonParameters(_ value: JSONValue?) -> [String: String] {
        guard let object = value?.objectValue else { return [:] }
        var parameters: [String: String] = [:]
        for (name, value) in object.sorted(by: { $0.key < $1.key }) {
            guard parameters.count < maximumReasonParameters, let text = value.stringValue,
                  name.count <= maximumReasonParameterLength, text.count <= maximumReasonParameterLength else { continue }
            parameters[name] = text
        }
        return parameters
    }

    static func pushResponse(_ bytes: [UInt8]) throws(ClientError) -> PushResponse {
        let json = try parse(bytes)
        guard let batch = json["batch"]?.stringValue, let items = json["results"]?.arrayValue else {
            throw ClientError(.protocolError, "the push answer lacks batch or results")
        }
        var results: [PushResult] = []
        for item in items {
            guard let collection = item["collection"]?.stringValue, let id = item["id"]?.stringValue,
                  let statusText = item["status"]?.stringValue, let status = PushResult.Status(rawValue: statusText) else {
                throw ClientError(.protocolError, "a push result lacks collection, id or a known status")
            }
            var state: RecordState?
            if status == .refused, let json = item["state"] {
                do { state = try RecordState(json: json) } catch {
                    throw ClientError(.protocolError, "a refused result carries an invalid record state (\(error.code.rawValue))")
                }
                guard state?.collection == collection, state?.id == id else {
                    throw ClientError(.protocolError, "a refused result carries another record's state")
                }
            }
            results.append(PushResult(collection: collection, id: id, status: status,
                                      reasonCode: item["reason"]?["code"]?.stringValue,
                                      reasonMessage: item["reason"]?["message"]?.stringValue,
                                      reasonParameters: reasonParameters(item["reason"]?["parameters"]), state: state))
        }
        var time: HybridTimestamp?
        if let parts = json["serverTime"]?.arrayValue, parts.count == 2, let millis = parts[0].integerValue,
           let logical = parts[1].integerValue, logical >= 0, logical <= Int64(UInt32.max) {
            time = HybridTimestamp(wallMillis: millis, logical: UInt32(logical))
        }
        return PushResponse(batch: batch, results: results, serverTime: time)
    }

    static func pullPage(_ bytes: [UInt8]) throws(ClientError) -> PullPage {
        // The records straight from the bytes; anything unusual is left to the tree path
        // below, which reports it.
        if let batch = RecordBatch(jsonBytes: bytes), let cursor = batch.members["cursor"]?.stringValue,
           let more = batch.members["more"]?.boolValue {
            return PullPage(records: batch.records, cursor: cursor, more: more)
        }
        let json = try parse(bytes)
        guard let items = json["records"]?.arrayValue, let cursor = json["cursor"]?.stringValue,
              let more = json["more"]?.boolValue else {
            throw ClientError(.protocolError, "the pull answer lacks records, cursor or more")
        }
        var records: [RecordState] = []
        records.reserveCapacity(items.count)
        for item in items {
            do { records.append(try RecordState(json: item)) } catch {
                throw ClientError(.protocolError, "the server sent an invalid record state (\(error.code.rawValue))")
            }
        }
        return PullPage(records: records, cursor: cursor, more: more)
    }

    /// The `error.code` of an error body, when there is one.
    static func errorCode(_ bytes: [UInt8]) -> String? {
        (try? JSONParser().parse(bytes))?["error"]?["code"]?.stringValue
    }
}
