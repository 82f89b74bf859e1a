// swift-tools-version:6.0
// forum-sync: offline-first sync for user-influence forums.
// No package dependencies: Foundation, Dispatch, system SQLite3 and libcurl (via FoundationNetworking) only.
import PackageDescription

let package = Package(
    name: "forum-sync",
    products: [
        .library(name: "SyncCore", targets: ["SyncCore"]),
        .library(name: "Digest", targets: ["Digest"]),
    ],
    targets: [
        // MARK: - Core (pure, no I/O)
        .target(name: "SyncCore", dependencies: ["Digest"]),

        // MARK: - Support libraries
        // SHA-256, constant-time comparison and hex; pure Swift, no Foundation.
        .target(name: "Digest"),

        // MARK: - Tests
        .testTarget(name: "SyncCoreTests", dependencies: ["SyncCore"]),
        .testTarget(name: "DigestTests", dependencies: ["Digest"]),
    ]
)
