import SyncCore

/// Why the server refused one pushed record: a stable code, an English message without
/// personal data, and the values the message refers to (field and collection names,
/// statuses, limits; never record values). Sent as a push result's `reason`
/// (PROTOCOL.md §13); the codes are the integrity codes of §8a and the domain's of §21.
public struct RecordRefusal: Sendable, Equatable {
    /// The most parameters a client keeps. Default 8; the domain's messages use at most 2.
    public static let maximumParameters = 8
    /// The longest parameter name and value a client keeps, in characters. Default 64.
    public static let maximumParameterLength = 64

    /// The code of a refusal that is not final: the server was restored from a backup and
    /// has not recovered the record yet (PROTOCOL.md §14a). The client keeps its state as it
    /// is, still pending, and offers it again at a later sync.
    public static let notRecovered = "not_recovered"

    /// The stable code, e.g. `role_forbidden` or `forged_history`.
    public var code: String
    /// An English message for logs and clients without a translation.
    public var message: String
    /// The values the message refers to.
    public var parameters: [String: String]

    /// Creates a refusal.
    public init(code: String, message: String, parameters: [String: String] = [:]) {
        self.code = code
        self.message = message
        self.parameters = parameters
    }

    /// As sent: `{"code","message"[,"parameters"]}`.
    public var jsonValue: JSONValue {
        var object: [JSONKey: JSONValue] = ["code": .string(code), "message": .string(message)]
        if !parameters.isEmpty { object["parameters"] = JSONValue(object: parameters.mapValues(JSONValue.string)) }
        return .object(object)
    }

    /// A refusal read from a result's `reason`; `nil` without a string `code`.
    /// Parameters other than short strings, and any beyond `maximumParameters`, are dropped.
    public init?(json: JSONValue?) {
        guard let code = json?["code"]?.stringValue else { return nil }
        self.code = code
        message = json?["message"]?.stringValue ?? ""
        parameters = Self.parameters(json?["parameters"])
    }

    /// The string parameters of `value` within the limits above. Of two names that differ
    /// only in their bytes but that `String` takes for one, the first in byte order is kept.
    public static func parameters(_ value: JSONValue?) -> [String: String] {
        guard let object = value?.objectValue else { return [:] }
        var parameters: [String: String] = [:]
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            let name = key.string
            guard parameters.count < maximumParameters, parameters[name] == nil, let text = value.stringValue,
                  name.count <= maximumParameterLength, text.count <= maximumParameterLength else { continue }
            parameters[name] = text
        }
        return parameters
    }
}
