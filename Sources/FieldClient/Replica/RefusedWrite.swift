import Messages

/// A local change the server refused at a push, with the domain's reason. The server
/// stored nothing of it, and the replica put its copy of the record back to the server's
/// state (or dropped it, PROTOCOL.md §8), so the record has converged again; this note
/// tells the user what did not go through and why.
public struct RefusedWrite: Sendable, Equatable {
    public let collection: String
    public let id: String
    /// The domain's stable code, e.g. `role_forbidden`.
    public let code: String
    /// The server's English message (no personal data).
    public let message: String
    /// The values the code's message refers to (field names, limits, statuses), so the
    /// reason can be shown in the user's language.
    public let parameters: [String: String]
    /// When the refusal arrived, ms since 1970.
    public let atMillis: Int64

    public init(collection: String, id: String, code: String, message: String, parameters: [String: String] = [:],
                atMillis: Int64) {
        self.collection = collection
        self.id = id
        self.code = code
        self.message = message
        self.parameters = parameters
        self.atMillis = atMillis
    }
}

extension RefusedWrite {
    /// Why the server refused it, in `language`: the domain's message for its code and
    /// parameters (`ClientError.serverReason`), as the CLI and the app both show it.
    public func reason(_ language: Language) -> String {
        ClientError.serverReason(code: code, parameters: parameters, serverMessage: message, language)
    }
}
