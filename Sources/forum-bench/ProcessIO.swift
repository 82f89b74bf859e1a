import Foundation

/// This process's I/O counters from `/proc/self/io` (Linux): how much it read through
/// read system calls, and how much of that the kernel had to fetch from storage because it
/// was not in the page cache.
struct ProcessIO {
    /// Bytes read through `read`/`pread` calls, whether cached or not (`rchar`).
    var bytesRequested = 0
    /// Bytes the kernel fetched from the storage device for this process (`read_bytes`).
    var bytesFromStorage = 0

    /// The counters now; zeros where `/proc/self/io` cannot be read.
    static func now() -> ProcessIO {
        var io = ProcessIO()
        guard let text = try? String(contentsOfFile: "/proc/self/io", encoding: .utf8) else { return io }
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let value = Int(parts[1].trimmingCharacters(in: .whitespaces)) else { continue }
            switch parts[0] {
            case "rchar": io.bytesRequested = value
            case "read_bytes": io.bytesFromStorage = value
            default: break
            }
        }
        return io
    }

    /// The counters' growth since `earlier`.
    func since(_ earlier: ProcessIO) -> ProcessIO {
        ProcessIO(bytesRequested: bytesRequested - earlier.bytesRequested,
                  bytesFromStorage: bytesFromStorage - earlier.bytesFromStorage)
    }
}
