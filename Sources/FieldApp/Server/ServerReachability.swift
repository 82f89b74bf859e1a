import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whether the sync server's address accepts a TCP connection, checked now and then in the
/// background so the offline banner shows before anyone presses "Synka nu". Only a
/// connection is opened and closed: nothing is sent, so the server records nothing.
final class ServerReachability: @unchecked Sendable {
    private let host: String
    private let port: String
    private let lock = NSLock()
    private var latest: (reachable: Bool, at: Date)?

    /// For the server at `url` (`http(s)://host[:port]/…`); `nil` when the URL has no host.
    init?(url: String) {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else { return nil }
        self.host = host
        self.port = String(components.port ?? (components.scheme == "https" ? 443 : 80))
    }

    /// The last result and when it was found: `nil` before the first check.
    var lastCheck: (reachable: Bool, at: Date)? { lock.withLock { latest } }

    /// Checks now, then every `interval` seconds, on a background thread, for the life of the process.
    func start(interval: Double, timeout: Double) {
        let thread = Thread { [self] in
            while true {
                let result = Self.connects(host: host, port: port, timeout: timeout)
                lock.withLock { latest = (result, Date()) }
                Thread.sleep(forTimeInterval: interval)
            }
        }
        thread.name = "FieldApp.reachability"
        thread.start()
    }

    /// Whether some address of `host` accepts a TCP connection on `port` within `timeout` seconds.
    static func connects(host: String, port: String, timeout: Double) -> Bool {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, port, &hints, &list) == 0, let first = list else { return false }
        defer { freeaddrinfo(list) }
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            entry = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue),
                            info.pointee.ai_protocol)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            if connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return true }
            guard errno == EINPROGRESS else { continue }
            var descriptor = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            guard poll(&descriptor, 1, Int32(timeout * 1000)) == 1 else { continue }
            var error: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            if getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0, error == 0 { return true }
        }
        return false
    }
}
