import SyncCore

/// A protocol error body, `{"error":{"code":…,"message":…,…}}` (PROTOCOL.md §16): what the
/// server answers for a whole request it does not carry out, and what a client reads back.
public struct WireError: Error, Sendable, Equatable {
    /// The code as sent. A client may meet a code newer than itself: `known` is `nil` then.
    public let code: String
    /// English text for developers; never personal data, never shown to end users.
    public let message: String
    /// Extra members of the error object (`index`, `supported`, …).
    public let extra: [JSONKey: JSONValue]

    /// The code, when this build knows it.
    public var known: WireErrorCode? { WireErrorCode(rawValue: code) }

    /// An error of a known code.
    public init(_ code: WireErrorCode, _ message: String, extra: [JSONKey: JSONValue] = [:]) {
        self.code = code.rawValue
        self.message = message
        self.extra = extra
    }

    /// An error of any code (a server relaying a code it holds as text).
    public init(code: String, message: String, extra: [JSONKey: JSONValue] = [:]) {
        self.code = code
        self.message = message
        self.extra = extra
    }

    /// The error body of `bytes`, `nil` when they are not one.
    public init?(body bytes: [UInt8]) {
        guard let object = (try? JSONParser().parse(bytes))?["error"]?.objectValue,
              let code = object["code"]?.stringValue else { return nil }
        self.code = code
        message = object["message"]?.stringValue ?? ""
        extra = object.filter { $0.key != "code" && $0.key != "message" }
    }

    /// The body as sent: the code and message first, then the extra members.
    public var body: [UInt8] {
        var object: [JSONKey: JSONValue] = ["code": .string(code), "message": .string(message)]
        for (key, value) in extra where object[key] == nil { object[key] = value }
        return JSONWriter.bytes(["error": .object(object)])
    }
}
