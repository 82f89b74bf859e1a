// swift-tools-version:6.0
// forum-sync: offline-first sync for user-influence forums.
// No package dependencies: Foundation, Dispatch, system SQLite3 and libcurl (via FoundationNetworking) only.
import PackageDescription

let package = Package(
    name: "forum-sync",
    products: [
        .library(name: "SyncCore", targets: ["SyncCore"]),
        .library(name: "SQLite", targets: ["SQLite"]),
    ],
    targets: [
        // MARK: - Core (pure, no I/O)
        .target(name: "SyncCore"),

        // MARK: - Storage
        .systemLibrary(
            name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "SQLite", dependencies: ["CSQLite"]),

        // MARK: - Tests
        .testTarget(name: "SyncCoreTests", dependencies: ["SyncCore"]),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite"]),
    ]
)
