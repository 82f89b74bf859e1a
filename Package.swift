// swift-tools-version:6.0
// forum-sync: offline-first sync for user-influence forums.
// No package dependencies: Foundation, Dispatch, system SQLite3 and libcurl (via FoundationNetworking) only.
import PackageDescription

let package = Package(
    name: "forum-sync",
    products: [
        .library(name: "SyncCore", targets: ["SyncCore"]),
        .library(name: "ForumModel", targets: ["ForumModel"]),
    ],
    targets: [
        // MARK: - Core (pure, no I/O)
        .target(name: "SyncCore"),

        // MARK: - Domain (pure, no I/O)
        // Forums, participants, attendance and honoraria over SyncCore record states: the
        // rules client and server both enforce, redaction, reports and exports.
        // TODO: add "Messages" once main has the catalogue module.
        .target(name: "ForumModel", dependencies: ["SyncCore"]),

        // MARK: - Tests
        .testTarget(name: "SyncCoreTests", dependencies: ["SyncCore"]),
        .testTarget(name: "ForumModelTests", dependencies: ["ForumModel"]),
    ]
)
