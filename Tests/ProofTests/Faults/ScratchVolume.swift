import Foundation
import Glibc

/// A tiny tmpfs mounted for one test, so the disk can really fill up and really turn
/// read-only (which `chmod` cannot do for root). Needs mount rights; `nil` without them.
final class ScratchVolume {
    let path: String

    /// Mounts a tmpfs of `kilobytes` at a fresh directory under `parent`.
    init?(parent: String, kilobytes: Int) {
        path = parent + "/volume"
        guard (try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)) != nil,
              Self.mount(["-t", "tmpfs", "-o", "size=\(kilobytes)k,mode=0700", "tmpfs", path]) else { return nil }
    }

    deinit { _ = Self.run("/bin/umount", ["-l", path]) }

    /// Changes the size (growing it is how the test "frees disk space").
    func resize(kilobytes: Int) -> Bool { Self.mount(["-o", "remount,size=\(kilobytes)k", path]) }

    /// Remounts read-only or read-write.
    func setReadOnly(_ readOnly: Bool) -> Bool { Self.mount(["-o", "remount,\(readOnly ? "ro" : "rw")", path]) }

    private static func mount(_ arguments: [String]) -> Bool { run("/bin/mount", arguments) }

    private static func run(_ executable: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
