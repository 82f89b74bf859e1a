import ForumModel
import Messages

extension ClientError {
    /// What a person reads when an operation failed, in `language`: the domain's reason for
    /// a refusal (the very words the server would use), otherwise the catalogue's text for
    /// the code. A full disk and a read-only replica are told apart. The CLI and the app
    /// both show this.
    public func text(_ language: Language) -> String {
        let l = Localizer(language: language)
        switch code {
        case .refused: return l["client.error.refused", ["reason": Self.refusalReason(self, language)]]
        case .deviceRevoked: return l["client.error.device_revoked_short"]
        case .storageError where detailCode == "full": return l["client.error.storage_full"]
        case .storageError where ["readonly", "cannot_open", "auth"].contains(detailCode ?? ""):
            return l["client.error.storage_readonly"]
        default: return l[MessageKey("client.error.\(code.rawValue)")]
        }
    }

    /// What a person reads when a sync did not complete, with how many changes are kept
    /// on this device (`pending`); `nil` for a failure that is not the sync's own (storage,
    /// a refusal), which `text(_:)` words.
    public func syncText(pending: Int, _ language: Language) -> String? {
        let l = Localizer(language: language)
        let args = ["count": String(pending)]
        switch code {
        case .serverUnreachable, .timeout, .serverError, .protocolError, .tlsFailed:
            return l[MessageKey("client.sync.\(code.rawValue)"), args]
        case .deviceRevoked where detailCode == "device_wiped":
            return l["client.sync.device_wiped", args.merging(["wiped": detailParams[Self.wipedParameter] ?? "0"]) { $1 }]
        case .deviceRevoked:
            return l["client.sync.device_revoked", args]
        case .unauthorized:
            return l["client.sync.unauthorized", args]
        default:
            return nil
        }
    }

    /// The domain's message for a refused local write.
    public static func refusalReason(_ error: ClientError, _ language: Language) -> String {
        guard let code = error.detailCode.flatMap(DomainError.Code.init(rawValue:)) else { return error.message }
        return DomainError(code, error.detailParams).message(language)
    }

    /// The domain's message for a refusal sent by the server, in `language`, worded from
    /// its code and parameters; the server's English text for an unknown code.
    public static func serverReason(code: String, parameters: [String: String] = [:], serverMessage: String,
                                    _ language: Language) -> String {
        guard let domainCode = DomainError.Code(rawValue: code) else { return serverMessage }
        let text = DomainError(domainCode, parameters).message(language)
        // A message whose parameters did not all arrive (an older server) keeps a
        // `{placeholder}`; the server's text is then clearer.
        return text.contains("{") ? serverMessage : text
    }
}
