// swift-tools-version:6.0
// forum-sync: offline-first sync for user-influence forums.
// No package dependencies: Foundation, Dispatch, system SQLite3 and system libcurl only.
// Targets are layered inward: the core knows nothing of storage or networking.
import PackageDescription

let package = Package(
    name: "forum-sync",
    products: [
        .library(name: "SyncCore", targets: ["SyncCore"]),
        .library(name: "ReplicaStore", targets: ["ReplicaStore"]),
        .library(name: "ForumModel", targets: ["ForumModel"]),
        .library(name: "FieldClient", targets: ["FieldClient"]),
        .executable(name: "forum", targets: ["forum"]),
        .library(name: "SyncServer", targets: ["SyncServer"]),
        .executable(name: "forum-server", targets: ["forum-server"]),
    ],
    targets: [
        // MARK: - Support libraries
        // SHA-256, constant-time comparison and hex; pure Swift, no Foundation.
        .target(name: "Digest"),
        // The message catalogue (Swedish and English), locale choice, Stockholm time, kronor.
        .target(name: "Messages"),
        // Declarative command-line parsing with localized help and usage errors (exit 64).
        .target(name: "ArgumentParsing", dependencies: ["Messages"]),

        // MARK: - Core (pure, no I/O)
        .target(name: "SyncCore", dependencies: ["Digest"]),
        // The wire format of protocol v1, shared by client and server: request and answer
        // types, encoded and decoded in one place, and the one list of error codes.
        .target(name: "SyncProtocol", dependencies: ["SyncCore"]),

        // MARK: - Domain (pure, no I/O)
        // Forums, participants, attendance and honoraria over SyncCore record states: the
        // rules client and server both enforce, redaction, reports and exports.
        .target(name: "ForumModel", dependencies: ["SyncCore", "Messages"]),

        // MARK: - Storage
        .systemLibrary(
            name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "SQLite", dependencies: ["CSQLite"]),
        .target(name: "ReplicaStore", dependencies: ["SQLite", "SyncCore"]),

        // MARK: - HTTP/1.1 server on POSIX sockets (Sources/HTTPServer/Parsing is pure and fuzzed)
        // Error bodies are written with SyncCore's one JSON string escaper.
        .target(name: "HTTPServer", dependencies: ["SyncCore"]),

        // MARK: - Server-rendered pages: HTML escaping, form bodies, cookies, secrets, security
        // headers and the shared style sheet, for the admin dashboard and the field app.
        .target(name: "WebPage", dependencies: ["HTTPServer", "Digest"]),

        // MARK: - Admin web dashboard (server-rendered HTML under /admin, no JavaScript)
        .target(name: "AdminDashboard", dependencies: ["HTTPServer", "Messages", "ForumModel", "SyncCore", "Digest", "WebPage"]),

        // MARK: - Central server: sync protocol v1 over the store, admin operations, and its CLI
        .target(name: "SyncServer", dependencies: ["HTTPServer", "ReplicaStore", "SQLite", "SyncCore", "SyncProtocol", "Digest",
                                                   "Messages", "ForumModel", "AdminDashboard"]),
        // The `forum-server` command line: one typed definition per subcommand, tested in process.
        .target(name: "ServerCLI", dependencies: ["SyncServer", "AdminDashboard", "ArgumentParsing", "Messages", "ForumModel",
                                                 "SyncCore"]),
        .executableTarget(name: "forum-server", dependencies: ["ServerCLI"]),

        // MARK: - Executables
        .executableTarget(name: "forum-bench", dependencies: ["SyncCore", "ReplicaStore", "SQLite", "ForumModel", "FieldClient",
                                                             "SyncServer", "HTTPServer", "SyncProtocol"]),

        // MARK: - Field client (issue 6): the local replica, sync engine and the `forum` CLI
        // The system libcurl, for the client's HTTP(S) transport (easy interface, through a shim
        // for its variadic calls).
        .systemLibrary(
            name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "FieldClient", dependencies: ["ReplicaStore", "SQLite", "SyncCore", "SyncProtocol", "ForumModel", "Digest",
                                                    "CCurl", "Messages"]),
        // The field app (issue 19): `forum app`, a local web UI on 127.0.0.1 over the same
        // operations as the CLI (FieldClient, ForumModel), server-rendered, no JavaScript.
        .target(name: "FieldApp", dependencies: ["FieldClient", "ForumModel", "Messages", "HTTPServer", "WebPage", "SyncCore", "Digest"]),
        .target(name: "ForumCLI", dependencies: ["FieldClient", "ReplicaStore", "ForumModel", "Messages", "ArgumentParsing",
                                                 "SyncCore", "SyncProtocol", "FieldApp"]),
        .executableTarget(name: "forum", dependencies: ["ForumCLI"]),

        // MARK: - Tests
        .target(name: "TestSupport", dependencies: ["SyncCore"], path: "Tests/TestSupport"),
        .testTarget(name: "DigestTests", dependencies: ["Digest"]),
        .testTarget(name: "MessagesTests", dependencies: ["Messages"]),
        .testTarget(name: "ArgumentParsingTests", dependencies: ["ArgumentParsing", "Messages"]),
        .testTarget(name: "SyncCoreTests", dependencies: ["SyncCore", "Digest", "TestSupport"]),
        .testTarget(name: "SyncProtocolTests", dependencies: ["SyncProtocol", "SyncCore", "TestSupport"]),
        .testTarget(name: "ForumModelTests", dependencies: ["ForumModel", "Messages", "SyncCore", "TestSupport"]),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite", "TestSupport"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "TestSupport"]),
        .testTarget(name: "WebPageTests", dependencies: ["WebPage"]),
        .testTarget(name: "AdminDashboardTests", dependencies: ["AdminDashboard", "ForumModel", "SyncCore", "HTTPServer", "Messages",
                                                               "WebPage"]),
        // The field app's handler in process (security, pages, anonymity) and, in
        // FieldAppBrowserTests, the real `forum app` and `forum-server` with headless Chromium.
        .testTarget(name: "FieldAppTests", dependencies: ["FieldApp", "FieldClient", "ForumModel", "HTTPServer", "Messages", "WebPage",
                                                          "SyncCore", "TestSupport", "forum", "forum-server"]),
        .executableTarget(name: "ReplicaStoreCrashChild", dependencies: ["ReplicaStore", "SyncCore"],
                          path: "Tests/ReplicaStoreCrashChild"),
        // ReplicaStoreCrashChild is not imported: it is the child process the crash tests kill.
        .testTarget(name: "ReplicaStoreTests", dependencies: ["ReplicaStore", "SQLite", "SyncCore", "TestSupport",
                                                             "ReplicaStoreCrashChild"]),
        .testTarget(name: "FieldClientTests", dependencies: ["FieldClient", "ReplicaStore", "SyncCore", "SyncProtocol", "ForumModel",
                                                            "TestSupport"]),
        .testTarget(name: "ForumCLITests", dependencies: ["ForumCLI", "ArgumentParsing", "FieldClient", "ForumModel", "Messages", "SyncCore",
                                                        "TestSupport"]),
        // The `forum-server` command line in process: golden help, exit codes, round trips.
        .testTarget(name: "ServerCLITests", dependencies: ["ServerCLI", "ArgumentParsing", "Messages", "TestSupport"]),
        // Real `forum-server` and `forum` processes over loopback HTTP. A test target that depends on
        // an executable (`forum`, `forum-server`) does so only to have the binary built, not imported.
        .testTarget(name: "EndToEndTests", dependencies: ["FieldClient", "ForumModel", "SyncCore", "TestSupport", "forum",
                                                          "forum-server"]),
        .testTarget(name: "SyncServerTests", dependencies: ["SyncServer", "ServerCLI", "ArgumentParsing", "SyncProtocol", "AdminDashboard", "HTTPServer", "ForumModel",
                                                          "Messages", "Digest", "ReplicaStore", "SQLite", "SyncCore",
                                                          "TestSupport", "forum-server", "WebPage"]),
        // Proof under load and faults: county simulation, fault proxy, kill -9, full and
        // read-only disks, fuzz corpus replay (Tests/Fuzz has the libFuzzer targets).
        .testTarget(name: "ProofTests", dependencies: ["SyncCore", "SyncProtocol", "SQLite", "ReplicaStore", "ForumModel", "SyncServer",
                                                      "HTTPServer", "FieldClient", "TestSupport", "forum-server"]),
        // Each target's dependencies are exactly the package modules it imports (plus executables a
        // test runs); Tests/PackageManifestTests checks it, reading this file and the sources.
        .testTarget(name: "PackageManifestTests"),
    ]
)
