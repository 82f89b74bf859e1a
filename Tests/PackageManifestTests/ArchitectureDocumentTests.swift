import Foundation
import Testing

/// ARCHITECTURE.md's table of module dependencies is the manifest's.
@Suite struct ArchitectureDocumentTests {
    /// The `| `A`, `B` | X, Y |` rows of the document's dependency table: target → dependencies.
    static func documentedDependencies() throws -> [String: Set<String>] {
        let url = PackageManifestTests.root.appendingPathComponent("ARCHITECTURE.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        var table: [String: Set<String>] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 2 else { continue }
            let dependencies = cells[1] == "nothing" ? [] : Set(cells[1].split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            })
            for name in cells[0].split(separator: ",") {
                let target = name.trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? ""
                table[target.trimmingCharacters(in: CharacterSet(charactersIn: "`"))] = dependencies
            }
        }
        return table
    }

    @Test func theModuleTableIsThePackagesDependencies() throws {
        let table = try Self.documentedDependencies()
        let manifest = try PackageManifestTests.manifest()
        for (name, dependencies) in table {
            let target = manifest.target(name)
            #expect(target != nil, "ARCHITECTURE.md lists \(name), which Package.swift does not declare")
            #expect(target.map { Set($0.dependencies) } == dependencies,
                    "ARCHITECTURE.md says \(name) depends on \(dependencies.sorted()), Package.swift \(target?.dependencies.sorted() ?? [])")
        }
        for target in manifest.targets where target.path.hasPrefix("Sources/") || target.name == "TestSupport" {
            #expect(table[target.name] != nil, "ARCHITECTURE.md's module table does not list \(target.name)")
        }
    }
}
