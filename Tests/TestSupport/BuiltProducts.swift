import Foundation

/// Finds executables built next to the running test bundle, for tests that spawn them.
public enum BuiltProducts {
    /// The build products directory (where `swift build` puts executables).
    public static var directory: URL {
        let executable = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                             ?? CommandLine.arguments[0])
        var url = executable.deletingLastPathComponent()
        // On Linux the test runner is `<products>/forum-syncPackageTests.xctest`; on macOS it is inside a bundle.
        while url.path.contains(".xctest") { url = url.deletingLastPathComponent() }
        return url
    }

    /// The path of the built executable `name`.
    public static func executable(_ name: String) -> URL { directory.appendingPathComponent(name) }
}
