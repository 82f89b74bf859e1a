import FieldClient
import ForumModel
import Messages

/// Where the CLI meets ForumModel's texts (`domain.*` keys in the product catalogue).
enum DomainBridge {
    /// The catalogue text of a `domain.*` key, or `fallback` when the catalogue lacks it.
    static func text(_ key: String, _ language: Language, fallback: String) -> String {
        let text = Catalogue.standard.text(MessageKey(key), language)
        return text == key ? fallback : text
    }

    static func status(_ status: HonorariumStatus, _ language: Language) -> String {
        text(status.messageKey.rawValue, language, fallback: status.rawValue)
    }

    static func role(_ role: AttendanceRole, _ language: Language) -> String {
        text(role.messageKey.rawValue, language, fallback: role.rawValue)
    }

    static func forumStatus(_ status: ForumStatus, _ language: Language) -> String {
        text(status.messageKey.rawValue, language, fallback: status.rawValue)
    }

    /// The names a person may type for each value besides the value itself: its display
    /// name in Swedish and in English (`Genomförd`, `Held` for `held`), for
    /// `ParsedArguments.choice(_:from:names:)`, which compares them without case.
    static func names<Value: RawRepresentable>(_ values: [Value], _ key: (Value) -> MessageKey) -> [String: String]
    where Value.RawValue == String {
        var names: [String: String] = [:]
        for value in values {
            for language in [Language.sv, .en] {
                let name = Catalogue.standard.text(key(value), language)
                if name != key(value).rawValue { names[name] = value.rawValue }
            }
        }
        return names
    }
}
