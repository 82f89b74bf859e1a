import Glibc

/// The single place where system calls are retried and their errors turned into values.
enum SystemCall {
    /// Runs `body` (a call returning -1 and setting errno on failure), retrying on EINTR.
    /// - Returns: the result, or `nil` when the call would block (EAGAIN/EWOULDBLOCK).
    /// - Throws: `HTTPServerError` naming `name` and the errno.
    @discardableResult
    static func run(_ name: String, _ body: () -> Int) throws(HTTPServerError) -> Int? {
        while true {
            let result = body()
            if result >= 0 { return result }
            let error = errno
            switch error {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return nil
            default: throw HTTPServerError(call: name, errno: error)
            }
        }
    }

    /// `run` for calls returning `Int32`.
    @discardableResult
    static func run32(_ name: String, _ body: () -> Int32) throws(HTTPServerError) -> Int32? {
        try run(name) { Int(body()) }.map { Int32($0) }
    }
}
