import Foundation
import Glibc

/// A listening TCP socket on 127.0.0.1 at an ephemeral port, for the tests' own servers and
/// proxies: `start` accepts connections on a thread of its own and hands each accepted
/// socket to the handler on a new thread; the handler owns (and closes) it.
public final class LoopbackListener: @unchecked Sendable {
    /// Why the socket could not be set up.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The port bound.
    public let port: UInt16
    private let socketFD: Int32
    private let lock = NSLock()
    private var stopped = false

    /// Binds and listens; nothing is accepted before `start`.
    /// - Parameter backlog: `listen`'s queue of pending connections.
    public init(backlog: Int32 = 64) throws(Failure) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket failed (errno \(errno))") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound, listen(fd, backlog) == 0 else {
            close(fd)
            throw Failure(description: "bind or listen failed (errno \(errno))")
        }
        socketFD = fd
        port = UInt16(bigEndian: address.sin_port)
    }

    /// Accepts connections until `stop`, each handed to `handle` on a thread of its own.
    public func start(_ handle: @escaping @Sendable (Int32) -> Void) {
        Thread { [self] in
            while true {
                let client = accept(socketFD, nil, nil)
                if client < 0 {
                    if lock.withLock({ stopped }) { return }
                    continue
                }
                Thread { handle(client) }.start()
            }
        }.start()
    }

    /// Stops accepting; connections already handed over are the handler's to end.
    public func stop() {
        let wasRunning = lock.withLock { () -> Bool in defer { stopped = true }; return !stopped }
        guard wasRunning else { return }
        Glibc.shutdown(socketFD, Int32(SHUT_RDWR))
        close(socketFD)
    }
}
