import Foundation

/// The file where `serve` notes the address it serves on (`DATA/serving-url`), so that
/// `admin login-link` run beside it makes links to that address.
enum ServingAddress {
    /// The file's path in a data directory.
    static func file(dataDirectory: String) -> String {
        (dataDirectory as NSString).appendingPathComponent("serving-url")
    }

    /// The address a running (or the last) `serve` noted, `nil` when none.
    static func read(dataDirectory: String) -> String? {
        guard let text = try? String(contentsOfFile: file(dataDirectory: dataDirectory), encoding: .utf8) else { return nil }
        let url = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return url.hasPrefix("http://") || url.hasPrefix("https://") ? url : nil
    }

    /// Notes the address (owner-only, like everything in the directory).
    static func write(_ url: String, dataDirectory: String) {
        FileManager.default.createFile(atPath: file(dataDirectory: dataDirectory), contents: Data((url + "\n").utf8),
                                       attributes: [.posixPermissions: 0o600])
    }
}
