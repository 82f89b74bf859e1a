import Foundation

/// The modules a folder of Swift sources imports.
///
/// Every form of import counts: `import X`, `@testable import X`, `public import X`,
/// `import struct X.Y`, and imports inside `#if canImport(…)` blocks. Lines inside a
/// multi-line string literal (`"""` or `#"""`) are text, not imports, and are skipped.
enum SourceImports {
    /// Access modifiers that may stand before `import` (SE-0409).
    private static let modifiers: Set<String> = ["public", "package", "internal", "fileprivate", "private"]
    /// Kinds of a scoped import (`import struct Foundation.Date`).
    private static let kinds: Set<String> = ["typealias", "struct", "class", "enum", "protocol", "let", "var", "func"]

    /// The module names imported by the `.swift` files under `folder`, recursively.
    ///
    /// - Returns: An empty set when the folder does not exist or holds no Swift files.
    static func modules(under folder: URL) throws -> Set<String> {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        var modules: Set<String> = []
        for case let file as URL in walker where file.pathExtension == "swift" {
            modules.formUnion(self.modules(in: try String(contentsOf: file, encoding: .utf8)))
        }
        return modules
    }

    /// The module names imported by one Swift file's text.
    static func modules(in source: String) -> Set<String> {
        var modules: Set<String> = []
        // The delimiter that closes the multi-line string we are in: `"""`, or `"""#` for `#"""`.
        var closing: String?
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            if let delimiter = closing {
                if line.contains(delimiter) { closing = nil }
                continue
            }
            if let opening = line.range(of: "\"\"\"") {
                let hashes = line[..<opening.lowerBound].reversed().prefix { $0 == "#" }.count
                closing = "\"\"\"" + String(repeating: "#", count: hashes)
            }
            if let module = importedModule(line) { modules.insert(module) }
        }
        return modules
    }

    /// The module an import declaration on `line` names, or nil if the line is no import.
    private static func importedModule(_ line: Substring) -> String? {
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)[...]
        while let first = words.first, first.hasPrefix("@") || modifiers.contains(first) { words.removeFirst() }
        guard words.first == "import" else { return nil }
        words.removeFirst()
        if let first = words.first, kinds.contains(first) { words.removeFirst() }
        guard let path = words.first else { return nil }
        let module = path.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return module.isEmpty ? nil : String(module)
    }
}
