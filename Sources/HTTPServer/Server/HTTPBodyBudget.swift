import Foundation

/// The bytes of request bodies all connections together may hold in memory at once
/// (`Configuration.maxInFlightBodyBytes`). A connection reserves a body's size when its
/// head is admitted and releases it once the response has been written; a reservation
/// beyond the budget is refused, and the server answers 503 instead of reading the body.
final class HTTPBodyBudget: @unchecked Sendable {
    /// The budget in bytes.
    let capacity: Int
    private let lock = NSLock()
    private var reserved = 0

    init(capacity: Int) { self.capacity = max(capacity, 0) }

    /// Reserves `bytes`; `false` (and nothing reserved) when the budget cannot hold them.
    func reserve(_ bytes: Int) -> Bool {
        lock.withLock {
            guard bytes <= capacity - reserved else { return false }
            reserved += bytes
            return true
        }
    }

    /// Returns a reservation made with `reserve`.
    func release(_ bytes: Int) {
        lock.withLock { reserved = max(0, reserved - bytes) }
    }

    /// The bytes reserved now.
    var reservedBytes: Int { lock.withLock { reserved } }
}
