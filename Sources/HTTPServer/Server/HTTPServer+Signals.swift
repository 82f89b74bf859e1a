import Dispatch
import Foundation
import Glibc

extension HTTPServer {
    /// Blocks the calling thread until SIGTERM or SIGINT arrives and returns its number.
    ///
    /// Both signals are set to `SIG_IGN` so their default action (terminating the process)
    /// does not run; dispatch signal sources still observe them. The caller should then call
    /// `shutdown(gracePeriod:)` and exit with status 0.
    public static func waitForTerminationSignal() -> Int32 {
        let received = SignalBox()
        let semaphore = DispatchSemaphore(value: 0)
        let queue = DispatchQueue(label: "HTTPServer.signals")
        let sources = [SIGTERM, SIGINT].map { number -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                received.set(number)
                semaphore.signal()
            }
            source.resume()
            return source
        }
        semaphore.wait()
        sources.forEach { $0.cancel() }
        return received.value
    }
}

/// The first signal received, shared between the dispatch queue and the waiting thread.
private final class SignalBox: @unchecked Sendable {
    private let lock = NSLock()
    private var number: Int32 = 0

    func set(_ value: Int32) {
        lock.lock()
        if number == 0 { number = value }
        lock.unlock()
    }

    var value: Int32 {
        lock.lock()
        defer { lock.unlock() }
        return number
    }
}
