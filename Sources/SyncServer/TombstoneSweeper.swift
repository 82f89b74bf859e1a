import Dispatch
import Foundation

/// Runs `ServerDatabase.purgeTombstones` on a timer while the server serves (every
/// `SyncServerConfiguration.tombstonePurgeInterval` seconds, first one interval after the
/// start), and logs one line per run that purged anything: counts only, never ids.
final class TombstoneSweeper: @unchecked Sendable {
    private let timer: DispatchSourceTimer
    private let lock = NSLock()
    private var running = false

    init(database: ServerDatabase, log: @escaping @Sendable (String) -> Void) {
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "SyncServer.tombstones", qos: .utility))
        let interval = max(1, database.configuration.tombstonePurgeInterval)
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler {
            do {
                let report = try database.purgeTombstones()
                if report.purged > 0 {
                    log("tombstones purged=\(report.purged) waiting=\(report.waiting) watermark=\(report.watermark)")
                }
            } catch let error as SyncServerError {
                log("tombstones purge_failed code=\(error.code)")
            } catch {
                log("tombstones purge_failed")
            }
        }
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
