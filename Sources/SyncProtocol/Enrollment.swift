import SyncCore

/// The body of `POST /v1/enroll` (PROTOCOL.md §12): `{"code":"XXXX-XXXX-XXXX"}`.
public struct EnrollmentRequest: Sendable, Equatable {
    /// The one-time code the admin gave out.
    public let code: String

    public init(code: String) { self.code = code }

    /// The body as sent.
    public var body: [UInt8] { JSONWriter.bytes(["code": .string(code)]) }

    /// A body read strictly: exactly one string member `code`.
    /// - Throws: `invalid_json`, `invalid_request`.
    public init(body bytes: [UInt8]) throws(WireError) {
        let json: JSONValue
        do { json = try JSONParser().parse(bytes) } catch {
            throw WireError(.invalidJSON, "The body is not valid JSON.")
        }
        guard let object = json.objectValue, let code = object["code"]?.stringValue, object.count == 1 else {
            throw WireError(.invalidRequest, #"The body must be {"code":"XXXX-XXXX-XXXX"}."#)
        }
        self.code = code
    }
}

/// What the server answers to an enrolment: the device's replica id, its bearer token,
/// role and municipalities, and the server's own replica id.
public struct EnrollmentGrant: Sendable, Equatable {
    public let replica: ReplicaID
    /// 64 lowercase hex characters.
    public let token: String
    public let role: String
    public let municipalities: [String]
    public let serverReplica: String

    public init(replica: ReplicaID, token: String, role: String, municipalities: [String], serverReplica: String) {
        self.replica = replica
        self.token = token
        self.role = role
        self.municipalities = municipalities
        self.serverReplica = serverReplica
    }

    /// The body as sent.
    public var body: [UInt8] {
        JSONWriter.bytes(.object([
            "replica": .string(replica.rawValue), "token": .string(token), "role": .string(role),
            "municipalities": .array(municipalities.map(JSONValue.string)), "serverReplica": .string(serverReplica),
        ]))
    }

    /// An answer read strictly.
    public init(body bytes: [UInt8]) throws(WireDecodingError) {
        let json: JSONValue
        do { json = try JSONParser().parse(bytes) } catch {
            throw WireDecodingError("the server's answer is not valid JSON (\(error.code.rawValue))")
        }
        guard let replicaText = json["replica"]?.stringValue, let replica = ReplicaID(replicaText),
              let token = json["token"]?.stringValue, token.utf8.count == 64,
              let role = json["role"]?.stringValue, let list = json["municipalities"]?.arrayValue else {
            throw WireDecodingError("the enrolment answer lacks replica, token, role or municipalities")
        }
        self.init(replica: replica, token: token, role: role, municipalities: list.compactMap(\.stringValue),
                  serverReplica: json["serverReplica"]?.stringValue ?? "server")
    }
}
