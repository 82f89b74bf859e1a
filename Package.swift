// swift-tools-version:6.0
// forum-sync: offline-first sync for user-influence forums.
// No package dependencies: Foundation, Dispatch, system SQLite3 and libcurl (via FoundationNetworking) only.
import PackageDescription

let package = Package(
    name: "forum-sync",
    products: [
        .library(name: "SyncCore", targets: ["SyncCore"]),
        .library(name: "Digest", targets: ["Digest"]),
        .library(name: "Messages", targets: ["Messages"]),
        .library(name: "ArgumentParsing", targets: ["ArgumentParsing"]),
    ],
    targets: [
        // MARK: - Core (pure, no I/O)
        .target(name: "SyncCore"),

        // MARK: - Support libraries
        // SHA-256, constant-time comparison and hex; pure Swift, no Foundation.
        .target(name: "Digest"),
        // The Swedish/English message catalogue, Stockholm time and kronor formatting.
        .target(name: "Messages"),
        // The hand-written command-line parser shared by `forum` and `forum-server`.
        .target(name: "ArgumentParsing", dependencies: ["Messages"]),

        // MARK: - Tests
        .testTarget(name: "SyncCoreTests", dependencies: ["SyncCore"]),
        .testTarget(name: "DigestTests", dependencies: ["Digest"]),
        .testTarget(name: "MessagesTests", dependencies: ["Messages"]),
        .testTarget(name: "ArgumentParsingTests", dependencies: ["ArgumentParsing", "Messages"]),
    ]
)
