import Messages

/// The domain's way into the message catalogue. Its texts live in
/// `Sources/Messages/Catalogue+Domain.swift` under keys `domain.*`.
enum DomainText {
    static func text(_ key: MessageKey, _ language: Language, _ args: [String: String] = [:]) -> String {
        Catalogue.standard.text(key, language, args)
    }
}
