import Dispatch
import Foundation
import SyncCore

/// Runs `SyncLedger.purgeTombstones` on a timer while the server serves (every
/// `SyncServerConfiguration.tombstonePurgeInterval` seconds, first one interval after the
/// start), and logs one line per run that purged anything: counts only, never ids.
final class TombstoneSweeper: @unchecked Sendable {
    private let timer: DispatchSourceTimer
    private let lock = NSLock()
    private var running = false

    init(ledger: SyncLedger, log: @escaping @Sendable (String) -> Void) {
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "SyncServer.tombstones", qos: .utility))
        let interval = max(1, ledger.configuration.tombstonePurgeInterval)
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler {
            do {
                let report = try ledger.purgeTombstones()
                if report.purged > 0 {
                    log(Self.line(["event": "tombstones_purged", "purged": .integer(Int64(report.purged)),
                                   "waiting": .integer(Int64(report.waiting))]))
                }
            } catch {
                log(Self.line(["event": "tombstones_purge_failed", "error": .string((error as? SyncServerError)?.code ?? "storage_error")]))
            }
        }
    }

    /// A JSON log line like the request log's, with the time.
    static func line(_ fields: [JSONKey: JSONValue], at date: Date = Date()) -> String {
        var object = fields
        object["time"] = .string(RequestLog.iso8601(date))
        return JSONWriter.string(.object(object))
    }

    /// Starts the timer (once; later calls do nothing).
    func start() {
        lock.withLock {
            guard !running else { return }
            running = true
            timer.resume()
        }
    }

    /// Stops the timer for good.
    func stop() {
        lock.withLock {
            if !running { timer.resume() } // a suspended source must be resumed before it is cancelled
            running = true
            timer.cancel()
        }
    }
}
