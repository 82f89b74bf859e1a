import Foundation

/// Runs blocking work (sockets, waits) on threads of its own, never on Dispatch's worker
/// pool. On a 2-core machine that pool has two workers; tests that parked blocking loops
/// there starved every other test in the process that needs it, URLSession's completion
/// handlers among them.
public enum BlockingWorkers {
    /// Runs `body(index)` for `0..<count` on `count` dedicated threads and waits for all.
    public static func run(count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let finished = start(count: count, body)
        finished.wait()
    }

    /// Starts `body(index)` for `0..<count` on dedicated threads; wait on the returned group.
    public static func start(count: Int, _ body: @escaping @Sendable (Int) -> Void) -> DispatchGroup {
        let group = DispatchGroup()
        for index in 0..<count {
            group.enter()
            let thread = Thread {
                body(index)
                group.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        return group
    }
}
