/// The values of a parsed command line, by argument name.
///
/// Options and positionals share one namespace: `string("port")`, `strings("path")`.
/// Options of parent commands given before the subcommand are included.
public struct ParsedArguments: Sendable {
    /// Every value given, by name, in command-line order.
    public private(set) var values: [String: [String]] = [:]
    /// How often each flag was given, by name.
    public private(set) var flagCounts: [String: Int] = [:]
    /// How each known name is shown in errors (`--port`, `<path>`).
    var displayNames: [String: String] = [:]
    var context: UsageContext

    init(context: UsageContext) { self.context = context }

    mutating func append(_ value: String, for name: String) { values[name, default: []].append(value) }
    mutating func replace(_ value: String, for name: String) { values[name] = [value] }
    mutating func raise(_ flag: String) { flagCounts[flag, default: 0] += 1 }

    /// The value of `name`, the last one if it was given more than once; `nil` if absent.
    public func string(_ name: String) -> String? { values[name]?.last }

    /// Every value of `name` in order (repeatable options, variadic positionals).
    public func strings(_ name: String) -> [String] { values[name] ?? [] }

    /// Whether the flag `name` was given.
    public func flag(_ name: String) -> Bool { flagCounts[name, default: 0] > 0 }

    /// Whether `name` was given at all, as a value or a flag.
    public func contains(_ name: String) -> Bool { values[name] != nil || flagCounts[name] != nil }

    /// The value of `name` as an integer; `nil` if absent.
    ///
    /// - Parameters:
    ///   - name: The argument's name.
    ///   - range: The accepted values; any `Int` when `nil`.
    /// - Throws: `UsageError` with code `invalid_value` when the value is not a decimal
    ///   integer or lies outside `range`.
    public func int(_ name: String, in range: ClosedRange<Int>? = nil) throws(UsageError) -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text) else {
            throw invalidValue(name, reason: context.localizer["cli.reason.integer"])
        }
        if let range, !range.contains(value) {
            throw invalidValue(name, reason: context.localizer["cli.reason.integer_range",
                                                               ["min": String(range.lowerBound), "max": String(range.upperBound)]])
        }
        return value
    }

    /// The value of `name` when it is one of `choices`; `nil` if absent.
    ///
    /// - Throws: `UsageError` with code `invalid_value` naming the choices.
    public func choice(_ name: String, from choices: [String]) throws(UsageError) -> String? {
        guard let text = string(name) else { return nil }
        guard choices.contains(text) else {
            throw invalidValue(name, reason: context.localizer["cli.reason.one_of",
                                                               ["choices": choices.joined(separator: ", ")]])
        }
        return text
    }

    /// The value of `name` when it is one of `choices` or one of their other `names`; `nil`
    /// if absent. Names are matched without case, so a person may type a value's Swedish or
    /// English display name (`genomförd`, `Held`) as well as the value itself (`held`).
    ///
    /// - Parameters:
    ///   - name: The argument's name.
    ///   - choices: The values, as the program stores them.
    ///   - names: Other names of the values, each mapped to its value.
    /// - Returns: The value (one of `choices`), never the name typed.
    /// - Throws: `UsageError` with code `invalid_value` naming the choices.
    public func choice(_ name: String, from choices: [String], names: [String: String]) throws(UsageError) -> String? {
        guard let text = string(name) else { return nil }
        if choices.contains(text) { return text }
        let folded = text.lowercased()
        if let value = choices.first(where: { $0.lowercased() == folded })
            ?? names.first(where: { $0.key.lowercased() == folded && choices.contains($0.value) })?.value {
            return value
        }
        throw invalidValue(name, reason: context.localizer["cli.reason.one_of_or_names",
                                                           ["choices": choices.joined(separator: ", ")]])
    }

    /// The value of `name` as one of a type's values (an enum of the model, say), matched by
    /// raw value; `nil` if absent. The choices are the values themselves, so a command does
    /// not restate them as strings.
    ///
    /// - Parameters:
    ///   - name: The argument's name.
    ///   - values: The accepted values, in the order errors list them.
    ///   - names: Other names of the values (display names), each mapped to a raw value, as
    ///     for ``choice(_:from:names:)``; `nil` accepts the raw values only, with case.
    /// - Throws: `UsageError` with code `invalid_value` naming the choices.
    public func choice<Value: RawRepresentable>(_ name: String, of values: [Value],
                                                names: [String: String]? = nil) throws(UsageError) -> Value?
    where Value.RawValue == String {
        let raw = values.map(\.rawValue)
        let chosen: String?
        if let names { chosen = try choice(name, from: raw, names: names) } else { chosen = try choice(name, from: raw) }
        return chosen.flatMap { text in values.first { $0.rawValue == text } }
    }

    /// The words `yesNo` accepts, in the order errors list them.
    public static let yesNoWords: [(word: String, value: Bool)] = [("yes", true), ("no", false), ("ja", true), ("nej", false)]

    /// The value of `name` as yes or no, in English or Swedish (`yes`, `no`, `ja`, `nej`,
    /// any case); `nil` if absent.
    ///
    /// - Throws: `UsageError` with code `invalid_value` naming the accepted words.
    public func yesNo(_ name: String) throws(UsageError) -> Bool? {
        guard let text = string(name) else { return nil }
        let folded = text.lowercased()
        guard let match = Self.yesNoWords.first(where: { $0.word == folded }) else {
            throw invalidValue(name, reason: context.localizer["cli.reason.one_of",
                                                               ["choices": Self.yesNoWords.map(\.word).joined(separator: ", ")]])
        }
        return match.value
    }

    /// An `invalid_value` error about `name`, for checks the caller makes itself.
    ///
    /// - Parameters:
    ///   - name: The argument's name.
    ///   - reason: Translated reason, e.g. "expected a municipality code"; it must not
    ///     repeat the value.
    public func invalidValue(_ name: String, reason: String) -> UsageError {
        context.error(.invalidValue, "cli.error.invalid_value",
                      ["option": displayNames[name] ?? name, "reason": reason])
    }
}
