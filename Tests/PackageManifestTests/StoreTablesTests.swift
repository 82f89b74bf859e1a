import Foundation
import Testing

/// The replica store's tables are its own: no module outside `ReplicaStore` writes SQL that
/// names them, so their layout can change behind `ReplicaStore`'s methods alone.
/// (`forum-bench` is a measuring tool that compares the store's contents directly; it is
/// allowed.)
@Suite struct StoreTablesTests {
    static let storeTables = ["record", "record_tag", "record_field", "record_review"]
    static let allowed: Set<String> = ["ReplicaStore", "forum-bench"]

    @Test func noModuleButTheStoreNamesItsTablesInSQL() throws {
        let sources = PackageManifestTests.root.appendingPathComponent("Sources")
        let modules = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { !Self.allowed.contains($0) }
        var offenders: [String] = []
        for module in modules {
            guard let walker = FileManager.default.enumerator(at: sources.appendingPathComponent(module),
                                                              includingPropertiesForKeys: nil) else { continue }
            for case let file as URL in walker where file.pathExtension == "swift" {
                let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
                for (number, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                    if Self.namesStoreTable(String(line)) { offenders.append("\(module)/\(file.lastPathComponent):\(number + 1)") }
                }
            }
        }
        #expect(offenders.isEmpty, "SQL against the store's tables outside ReplicaStore: \(offenders)")
    }

    /// Whether a line of Swift holds SQL naming one of the store's tables (`FROM record`,
    /// `JOIN record_tag`, `INTO record_field`, `UPDATE record`).
    static func namesStoreTable(_ line: String) -> Bool {
        let words = line.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "_" }).map(String.init)
        for (index, word) in words.enumerated().dropLast() where ["FROM", "JOIN", "INTO", "UPDATE"].contains(word) {
            if storeTables.contains(words[index + 1]) { return true }
        }
        return false
    }

    @Test func theCheckRecognisesSQLAgainstTheStore() {
        #expect(Self.namesStoreTable(#"let sql = "SELECT state FROM record WHERE id = ?""#))
        #expect(Self.namesStoreTable(#""JOIN record_tag t ON t.record = r.rowid""#))
        #expect(!Self.namesStoreTable(#""SELECT id FROM device""#))
        #expect(!Self.namesStoreTable("let record = try store.state(collection: c, id: id)"))
    }
}
