// swift-tools-version:6.0
// forum-sync: offline-first sync for user-influence forums.
// No package dependencies: Foundation, Dispatch, system SQLite3 and libcurl (via FoundationNetworking) only.
import PackageDescription

let package = Package(
    name: "forum-sync",
    products: [
        .library(name: "SyncCore", targets: ["SyncCore"]),
    ],
    targets: [
        // MARK: - Core (pure, no I/O)
        .target(name: "SyncCore"),

        // MARK: - Tools
        .executableTarget(name: "forum-bench", dependencies: ["SyncCore"]),

        // MARK: - Tests
        .testTarget(name: "SyncCoreTests", dependencies: ["SyncCore"]),
    ]
)
