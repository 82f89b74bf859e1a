import Foundation

/// This process's storage reads from `/proc/self/io` (Linux): how much the kernel had to
/// fetch from the storage device for it because the pages were not in the page cache.
struct ProcessIO {
    /// Bytes the kernel fetched from the storage device for this process (`read_bytes`).
    var bytesFromStorage = 0

    /// The counter now; zero where `/proc/self/io` cannot be read.
    static func now() -> ProcessIO {
        guard let text = try? String(contentsOfFile: "/proc/self/io", encoding: .utf8) else { return ProcessIO() }
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0] == "read_bytes", let value = Int(parts[1].trimmingCharacters(in: .whitespaces)) {
                return ProcessIO(bytesFromStorage: value)
            }
        }
        return ProcessIO()
    }

    /// The counter's growth since `earlier`.
    func since(_ earlier: ProcessIO) -> ProcessIO {
        ProcessIO(bytesFromStorage: bytesFromStorage - earlier.bytesFromStorage)
    }
}
