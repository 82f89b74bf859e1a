import Foundation

/// The targets of `Package.swift`, read from its text.
///
/// Reads the one shape the manifest uses: `.target(`, `.executableTarget(`, `.testTarget(` and
/// `.systemLibrary(` calls with a literal `name:`, an optional `dependencies:` list of plain
/// names and an optional literal `path:`. Anything else in a dependency list (`.product(…)`,
/// `.target(name:…)`) is reported in ``Target/unreadDependencies`` rather than guessed at.
struct Manifest {
    /// What kind of target a declaration makes.
    enum Kind: String, CaseIterable {
        case target, executableTarget, testTarget, systemLibrary
    }

    /// One target declaration.
    struct Target: Equatable {
        var name: String
        var kind: Kind
        /// The names in its `dependencies:` list, in order.
        var dependencies: [String]
        /// Its folder relative to the package root: `path:` if given, else the SwiftPM default.
        var path: String
        /// Entries of the dependency list that are not plain string literals.
        var unreadDependencies: [String]
    }

    /// The declared targets, in manifest order.
    var targets: [Target]
    /// Whether the manifest declares package dependencies (`.package(`).
    var hasPackageDependencies: Bool

    /// Reads a manifest's text.
    init(text: String) {
        let code = Self.removingLineComments(text)
        hasPackageDependencies = code.contains(".package(")
        var found: [Target] = []
        var index = code.startIndex
        while let call = Self.nextCall(in: code, from: index) {
            let arguments = String(code[call.arguments])
            index = call.arguments.upperBound
            guard let name = Self.stringArgument("name", in: arguments) else { continue }
            let (dependencies, unread) = Self.dependencyList(in: arguments)
            let defaultPath = (call.kind == .testTarget ? "Tests/" : "Sources/") + name
            found.append(Target(name: name, kind: call.kind, dependencies: dependencies,
                                path: Self.stringArgument("path", in: arguments) ?? defaultPath,
                                unreadDependencies: unread))
        }
        targets = found
    }

    /// The target called `name`, if declared.
    func target(_ name: String) -> Target? { targets.first { $0.name == name } }

    // MARK: - Reading

    /// The text with `//` comments blanked out, string literals left alone.
    private static func removingLineComments(_ text: String) -> String {
        var out = ""
        var inString = false
        var inComment = false
        var previous: Character = " "
        for character in text {
            if inComment {
                if character == "\n" { inComment = false; out.append(character) }
                continue
            }
            if character == "\"" && previous != "\\" { inString.toggle() }
            if !inString && character == "/" && previous == "/" {
                out.removeLast()
                inComment = true
                previous = " "
                continue
            }
            out.append(character)
            previous = character
        }
        return out
    }

    /// The next `.kind(` call at or after `start`, with the range of its arguments.
    private static func nextCall(in code: String, from start: String.Index)
        -> (kind: Kind, arguments: Range<String.Index>)?
    {
        let hits = Kind.allCases.compactMap { kind -> (Kind, Range<String.Index>)? in
            code.range(of: ".\(kind.rawValue)(", range: start..<code.endIndex).map { (kind, $0) }
        }
        guard let (kind, opening) = hits.min(by: { $0.1.lowerBound < $1.1.lowerBound }) else { return nil }
        var depth = 1
        var inString = false
        var index = opening.upperBound
        while index < code.endIndex {
            let character = code[index]
            if character == "\"" { inString.toggle() }
            if !inString {
                if character == "(" { depth += 1 }
                if character == ")" {
                    depth -= 1
                    if depth == 0 { return (kind, opening.upperBound..<index) }
                }
            }
            index = code.index(after: index)
        }
        return (kind, opening.upperBound..<code.endIndex)
    }

    /// The literal value of `label: "…"` among a call's top-level arguments.
    private static func stringArgument(_ label: String, in arguments: String) -> String? {
        guard let range = labelRange(label, in: arguments) else { return nil }
        let rest = arguments[range.upperBound...].drop { $0 == " " || $0 == "\n" }
        guard rest.first == "\"" else { return nil }
        return String(rest.dropFirst().prefix { $0 != "\"" })
    }

    /// The names in `dependencies: [...]`, and the entries that are not plain names.
    private static func dependencyList(in arguments: String) -> (names: [String], unread: [String]) {
        guard let label = labelRange("dependencies", in: arguments),
              let open = arguments[label.upperBound...].firstIndex(of: "["),
              let close = arguments[open...].firstIndex(of: "]")
        else { return ([], []) }
        var names: [String] = []
        var unread: [String] = []
        for entry in arguments[arguments.index(after: open)..<close].split(separator: ",") {
            let trimmed = entry.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            if trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\""),
               !trimmed.dropFirst().dropLast().contains("\"") {
                names.append(String(trimmed.dropFirst().dropLast()))
            } else {
                unread.append(trimmed)
            }
        }
        return (names, unread)
    }

    /// Where `label:` stands as an argument label (not inside a longer word).
    private static func labelRange(_ label: String, in arguments: String) -> Range<String.Index>? {
        var start = arguments.startIndex
        while let range = arguments.range(of: "\(label):", range: start..<arguments.endIndex) {
            let before = range.lowerBound == arguments.startIndex ? " " : arguments[arguments.index(before: range.lowerBound)]
            if !(before.isLetter || before.isNumber || before == "_") { return range }
            start = range.upperBound
        }
        return nil
    }
}
