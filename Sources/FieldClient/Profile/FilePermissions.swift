import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Private files: created with mode 0600 from the first byte, replaced atomically.
enum FilePermissions {
    /// The permission bits of `path`.
    static func mode(of path: String) throws(ClientError) -> UInt32 {
        var info = stat()
        guard stat(path, &info) == 0 else { throw ClientError(.storageError, "the profile file could not be examined") }
        return UInt32(info.st_mode) & 0o7777
    }

    /// Sets the permission bits; `false` when that fails.
    static func setMode(_ mode: UInt32, of path: String) -> Bool { chmod(path, mode_t(mode)) == 0 }

    /// Creates `directory` and its missing parents with mode 0700.
    static func makeDirectory(_ directory: String) throws(ClientError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw ClientError(.storageError, "the profile directory could not be created")
        }
    }

    /// Writes `bytes` to a temporary file created with `O_EXCL` and mode 0600 next to
    /// `path`, flushes it, and renames it over `path`.
    static func writePrivately(_ bytes: [UInt8], to path: String) throws(ClientError) {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try makeDirectory(directory) }
        let temporary = path + ".tmp-\(getpid())"
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(0o600))
        guard descriptor >= 0 else { throw ClientError(.storageError, "the profile file could not be created") }
        var written = 0
        let ok: Bool = bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return fsync(descriptor) == 0 }
            while written < buffer.count {
                let result = write(descriptor, base + written, buffer.count - written)
                if result < 0 { if errno == EINTR { continue }; return false }
                written += result
            }
            return fsync(descriptor) == 0
        }
        close(descriptor)
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw ClientError(.storageError, "the profile file could not be written")
        }
    }
}
