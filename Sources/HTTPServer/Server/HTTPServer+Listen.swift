import Glibc

extension HTTPServer {
    /// Creates a non-blocking listening socket with `SO_REUSEADDR` (and `IPV6_V6ONLY` for IPv6).
    /// - Returns: the descriptor and the bound port.
    static func makeListeningSocket(host: String, port: UInt16, backlog: Int32) throws(HTTPServerError) -> (Int32, UInt16) {
        guard let address = SocketAddress(host: host, port: port) else {
            throw HTTPServerError(code: .invalidAddress, message: "The host must be an IPv4 or IPv6 literal.")
        }
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
        guard let fd = try SystemCall.run32("socket", { socket(address.family, type, 0) }) else {
            throw HTTPServerError(call: "socket", errno: EAGAIN)
        }
        do {
            var one: Int32 = 1
            let size = socklen_t(MemoryLayout<Int32>.size)
            try SystemCall.run32("setsockopt(SO_REUSEADDR)") { setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, size) }
            if address.family == AF_INET6 {
                try SystemCall.run32("setsockopt(IPV6_V6ONLY)") {
                    setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &one, size)
                }
            }
            try SystemCall.run32("bind") { address.withSockaddr { bind(fd, $0, $1) } }
            try SystemCall.run32("listen") { listen(fd, backlog) }
            var bound = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            try SystemCall.run32("getsockname") {
                withUnsafeMutablePointer(to: &bound) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
                }
            }
            return (fd, SocketAddress(storage: bound, length: length).port)
        } catch {
            close(fd)
            throw error
        }
    }
}
