import Foundation
import HTTPServer

/// `forum-bench transport`: what one POST costs the client through FoundationNetworking's
/// URLSession, by body size and by way of sending, and through the field client's own
/// transport (libcurl, used directly) on a reused and on a new connection.
///
/// The server is a minimal `HTTPServer` in this process whose handler sleeps `delay`
/// milliseconds before a small answer, as a server busy merging a push would: a client that
/// spins while it waits shows up as CPU seconds far above the bare cost of sending. Every
/// variant is measured against the one the transport used before (a fresh session and
/// `dataTask` with `httpBody`) in the same run.
enum TransportBenchmark {
    static let sizes = [16 * 1024, 60 * 1024, 256 * 1024, 1024 * 1024, 4 * 1024 * 1024]

    static func probes() -> [TransportProbe] {
        [
            TransportProbe(name: "fresh session, dataTask", body: .data, freshSession: true),
            TransportProbe(name: "shared, dataTask", body: .data, freshSession: false),
            TransportProbe(name: "shared + delegate, dataTask", body: .data, freshSession: false, delegate: true),
            TransportProbe(name: "shared, uploadTask(from:)", body: .upload, freshSession: false),
            TransportProbe(name: "shared, uploadTask(fromFile:)", body: .file, freshSession: false),
            TransportProbe(name: "shared, httpBodyStream", body: .stream, freshSession: false),
            TransportProbe(name: "shared, Expect: 100-continue", body: .data, freshSession: false,
                           headers: ["Expect": "100-continue"]),
            TransportProbe(name: "shared, Connection: close", body: .data, freshSession: false,
                           headers: ["Connection": "close"]),
            TransportProbe(name: "HTTPSyncTransport, reused conn.", body: .transport, freshSession: false),
            TransportProbe(name: "HTTPSyncTransport, new conn.", body: .transport, freshSession: true),
            TransportProbe(name: "its body encoding only", body: .encodeOnly, freshSession: false),
        ]
    }

    /// An enrolment answer `HTTPSyncTransport.enroll` accepts.
    static let grant = #"{"replica":"bench","token":"\#(String(repeating: "a", count: 64))","role":"coordinator","municipalities":[]}"#

    /// - Parameter size: one body size in bytes instead of the four defaults (0: the defaults).
    /// - Parameter transportOnly: only the field client's transport rows (and the baseline).
    static func run(requests: Int, delayMillis: Int, size: Int = 0, transportOnly: Bool = false) throws {
        let server = HTTPServer { request in
            if delayMillis > 0 { usleep(UInt32(delayMillis) * 1000) }
            if request.path.hasSuffix("/enroll") { return .json(.ok, Array(grant.utf8)) }
            return .json(.ok, Array(#"{"received":\#(request.body.count)}"#.utf8))
        }
        let port = try server.start(host: "127.0.0.1", port: 0)
        defer { server.shutdown() }
        guard let url = URL(string: "http://127.0.0.1:\(port)/v1/sync/push") else { return }
        print("transport: \(requests) POSTs per row, server answers after \(delayMillis) ms; per request: wall ms, process CPU ms (load \(Timing.loadAverage()))")
        print("  body      variant                              wall ms   cpu ms   wall ratio  cpu ratio")
        for size in size > 0 ? [size] : sizes {
            let payload = Data((0..<size).map { UInt8(truncatingIfNeeded: 97 + $0 % 26) })
            var baseline: (wall: Double, cpu: Double)?
            for (index, probe) in probes().enumerated() where !transportOnly || index == 0 || probe.isTransport {
                try probe.prepare(payload)
                _ = try probe.post(payload, to: url)   // warm-up: first connection, lazy setup
                var failures = 0
                let time = try Timing.measureBoth {
                    for _ in 0..<requests where (try? probe.post(payload, to: url)) != 200 { failures += 1 }
                }
                let wall = time.wall / Double(requests) * 1000, cpu = time.cpu / Double(requests) * 1000
                if baseline == nil { baseline = (wall, cpu) }
                let base = baseline ?? (wall, cpu)
                let label = size % 1024 == 0 ? "\(size / 1024) KiB" : "\(size) B"
                print("  " + label.padding(toLength: 9, withPad: " ", startingAt: 0)
                      + " " + probe.name.padding(toLength: 34, withPad: " ", startingAt: 0)
                      + String(format: " %9.2f %8.2f %11.2fx %9.2fx", wall, cpu, wall / base.wall, cpu / base.cpu)
                      + (failures > 0 ? "  (\(failures) failed)" : ""))
            }
        }
    }
}
