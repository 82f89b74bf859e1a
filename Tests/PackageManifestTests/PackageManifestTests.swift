import Foundation
import Testing

/// `Package.swift` says what each target holds: its `dependencies` are exactly the package
/// modules its Swift files import.
///
/// A missing dependency builds today only because another target happens to build the
/// module first; an unused one hides the real layering. Two allowances:
/// - a dependency on an **executable** target needs no import: test targets depend on
///   `forum`, `forum-server` and `ReplicaStoreCrashChild` only so that the binaries they
///   start are built;
/// - platform modules (``platformModules``) are no package modules and are not declared.
@Suite struct PackageManifestTests {
    /// Modules that come with the toolchain or the system, never declared as dependencies.
    static let platformModules: Set<String> = [
        "Foundation", "FoundationEssentials", "FoundationNetworking", "Glibc", "Darwin", "Dispatch",
        "Synchronization", "Testing", "XCTest",
    ]
    /// Folders under Sources/ and Tests/ that are deliberately no target of the package.
    static let foldersOutsideThePackage: Set<String> = [
        "Tests/Fuzz",  // libFuzzer targets, built by Tests/Fuzz/run-fuzzers.sh
    ]

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func manifest() throws -> Manifest {
        Manifest(text: try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8))
    }

    static func imports(of target: Manifest.Target) throws -> Set<String> {
        try SourceImports.modules(under: root.appendingPathComponent(target.path))
    }

    @Test func everyTargetDependsOnExactlyThePackageModulesItImports() throws {
        let manifest = try Self.manifest()
        let packageModules = Set(manifest.targets.map(\.name))
        let executables = Set(manifest.targets.filter { $0.kind == .executableTarget }.map(\.name))
        for target in manifest.targets {
            let imported = try Self.imports(of: target).intersection(packageModules)
            let declared = Set(target.dependencies)
            let missing = imported.subtracting(declared)
            let unused = declared.subtracting(imported).subtracting(executables)
            #expect(missing.isEmpty, "\(target.name) imports \(missing.sorted()) but does not declare them in Package.swift")
            #expect(unused.isEmpty, "\(target.name) declares \(unused.sorted()) in Package.swift but imports none of them")
            #expect(declared.count == target.dependencies.count, "\(target.name) names a dependency twice")
            #expect(target.unreadDependencies.isEmpty,
                    "\(target.name): write dependencies as plain target names, not \(target.unreadDependencies)")
        }
    }

    @Test func everyImportIsAPackageModuleOrAPlatformModule() throws {
        let manifest = try Self.manifest()
        let known = Set(manifest.targets.map(\.name)).union(Self.platformModules)
        for target in manifest.targets {
            let strangers = try Self.imports(of: target).subtracting(known)
            #expect(strangers.isEmpty, "\(target.name) imports \(strangers.sorted()), neither a target nor a platform module")
        }
    }

    @Test func dependenciesNameOnlyLibraryAndExecutableTargets() throws {
        let manifest = try Self.manifest()
        for target in manifest.targets {
            for name in target.dependencies {
                let kind = manifest.target(name)?.kind
                #expect(kind != nil && kind != .testTarget, "\(target.name) depends on \(name), which is no library or executable target")
            }
        }
    }

    @Test func thePackageHasNoPackageDependencies() throws {
        #expect(try !Self.manifest().hasPackageDependencies)
    }

    /// Guards the reader: a target declared in a shape it does not read would go unchecked.
    @Test func everyFolderUnderSourcesAndTestsIsADeclaredTarget() throws {
        let paths = Set(try Self.manifest().targets.map(\.path))
        for top in ["Sources", "Tests"] {
            let folders = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent(top).path)
            for folder in folders where !folder.hasPrefix(".") {
                let path = "\(top)/\(folder)"
                #expect(paths.contains(path) || Self.foldersOutsideThePackage.contains(path),
                        "\(path) is no target that Package.swift declares (as this test reads it)")
            }
        }
    }

    // MARK: - The readers themselves

    @Test func theManifestReaderReadsNamesDependenciesAndPaths() {
        let manifest = Manifest(text: """
            targets: [
                // .target(name: "Commented", dependencies: ["Out"]),
                .target(name: "Core"),
                .target(name: "Store", dependencies: ["Core", // the core
                                                      "CLib"]),
                .systemLibrary(name: "CLib", path: "Sources/CLib", pkgConfig: "x"),
                .executableTarget(name: "child", dependencies: ["Store"], path: "Tests/child"),
                .testTarget(name: "StoreTests", dependencies: ["Store", .product(name: "P", package: "p")]),
            ]
            """)
        #expect(manifest.targets.map(\.name) == ["Core", "Store", "CLib", "child", "StoreTests"])
        #expect(manifest.target("Store")?.dependencies == ["Core", "CLib"])
        #expect(manifest.target("Store")?.path == "Sources/Store")
        #expect(manifest.target("child")?.path == "Tests/child")
        #expect(manifest.target("child")?.kind == .executableTarget)
        #expect(manifest.target("StoreTests")?.path == "Tests/StoreTests")
        #expect(manifest.target("StoreTests")?.unreadDependencies == [#".product(name: "P""#, #"package: "p")"#])
        #expect(!manifest.hasPackageDependencies)
    }

    @Test func theImportReaderReadsEveryFormOfImportAndNoStringText() {
        let source = ##"""
            import Foundation
            @testable import Store
            public import Core
            import struct Kit.Thing
            #if canImport(Glibc)
                import Glibc
            #endif
            let text = """
            import NotAModule
            """
            let raw = #"""
            """ is no end here
            import NorThis
            """#
            // import AlsoNot is a comment
            let importance = 1
            """##
        #expect(SourceImports.modules(in: source) == ["Foundation", "Store", "Core", "Kit", "Glibc"])
    }
}
