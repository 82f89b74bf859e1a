import Foundation
import Glibc

extension HTTPServer {
    /// A refused connection kept open briefly so its 503 is not destroyed by a reset.
    private struct Refused {
        let fd: Int32
        let deadline: Double
    }

    /// Most refused connections lingering at once; beyond it they are closed at once.
    private static let maxLingeringRefusals = 64

    /// Accepts until shutdown; runs on its own thread.
    func acceptLoop() {
        let (listenFD, wakeFD) = locked { (self.listenFD, self.wakeRead) }
        var refused: [Refused] = []
        while true {
            var fds = [pollfd(fd: listenFD, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)]
            fds += refused.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
            let nearest = refused.map(\.deadline).min()
            let timeout = nearest.map { Int32(max(0, min(($0 - clockNow()) * 1000 + 1, 60_000))) } ?? -1
            let count = fds.withUnsafeMutableBufferPointer { poll($0.baseAddress, nfds_t($0.count), timeout) }
            if count < 0 && errno != EINTR { break }
            if fds[1].revents != 0 { break }
            let now = clockNow()
            refused = zip(refused, fds.dropFirst(2)).compactMap { entry, pfd in
                let done = pfd.revents != 0 ? !drain(entry.fd) : now >= entry.deadline
                if done { close(entry.fd) }
                return done ? nil : entry
            }
            if fds[0].revents != 0 { acceptPending(listenFD, refused: &refused) }
        }
        refused.forEach { close($0.fd) }
        locked {
            close(listenFD)
            self.listenFD = -1
            acceptLoopRunning = false
            condition.broadcast()
        }
    }

    private func clockNow() -> Double { clock.now() }

    /// Reads and discards; returns whether the peer is still open.
    private func drain(_ fd: Int32) -> Bool {
        switch ConnectionSocket(fd: fd, clock: clock).read(maxBytes: 4096) {
        case .bytes, .wouldBlock: true
        case .endOfStream, .failed: false
        }
    }

    private func acceptPending(_ listenFD: Int32, refused: inout [Refused]) {
        for _ in 0..<64 {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let accepted: Int32?
            do {
                accepted = try SystemCall.run32("accept") {
                    withUnsafeMutablePointer(to: &storage) {
                        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { accept(listenFD, $0, &length) }
                    }
                }
            } catch {
                if error.errno == ECONNABORTED { continue }
                // Out of descriptors or memory: back off instead of spinning on poll.
                usleep(10_000)
                return
            }
            guard let fd = accepted else { return }
            // accept4 is not exported by the Glibc module; set the flags separately
            // (no exec happens in this process, so the CLOEXEC window is harmless).
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            let address = SocketAddress(storage: storage, length: length)
            let remote = address.description
            // A trusted proxy speaks for many clients; it limits them itself.
            let host: String? = configuration.trustedProxyAddresses.contains(address.host) ? nil : address.host
            let refusal = locked { () -> Refusal? in
                guard state == .running, connections.count < configuration.maxConcurrentConnections else {
                    return .serverFull
                }
                if let host {
                    guard connectionsByHost[host, default: 0] < configuration.maxConnectionsPerAddress else {
                        return .addressFull
                    }
                    connectionsByHost[host, default: 0] += 1
                }
                connections.insert(fd)
                return nil
            }
            if let refusal {
                refuse(fd: fd, remote: remote, refusal)
                if refused.count < Self.maxLingeringRefusals {
                    refused.append(Refused(fd: fd, deadline: clockNow() + configuration.lingerTimeout))
                } else {
                    close(fd)
                }
            } else {
                spawnConnection(fd: fd, remote: remote, host: host)
            }
        }
    }

    /// Why a connection was refused at accept.
    private enum Refusal {
        /// `maxConcurrentConnections` are open.
        case serverFull
        /// `maxConnectionsPerAddress` are open from the connection's address.
        case addressFull

        var response: HTTPResponse {
            switch self {
            case .serverFull:
                .error(.serviceUnavailable, code: "too_many_connections",
                       message: "The server is at its connection limit; retry later.")
            case .addressFull:
                .error(.tooManyRequests, code: "too_many_connections_from_address",
                       message: "Too many connections from this address; retry later.")
            }
        }
    }

    /// Sends the refusal without blocking and half-closes; the socket buffer always fits it.
    private func refuse(fd: Int32, remote: String, _ refusal: Refusal) {
        var response = refusal.response
        response.headers["Retry-After"] = String(configuration.retryAfterSeconds)
        let bytes = response.serialized(for: nil, keepAlive: false, date: HTTPDate.now())
        let sent = send(fd, bytes, bytes.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
        Glibc.shutdown(fd, Int32(SHUT_WR))
        onRequestCompleted?(HTTPAccessLogEntry(method: nil, path: nil, status: response.status, bytesIn: 0,
                                               bytesOut: max(sent, 0), duration: 0, remoteAddress: remote,
                                               logFields: response.logFields, completed: sent == bytes.count))
    }

    private func spawnConnection(fd: Int32, remote: String, host: String?) {
        let environment = HTTPConnection.Environment(
            configuration: configuration, handler: handler, headGate: headGate, bodyBudget: bodyBudget,
            clock: clock, wakeFD: locked { wakeRead },
            isDraining: { [self] in isDraining }, workers: workers, onRequestCompleted: onRequestCompleted)
        let socket = ConnectionSocket(fd: fd, clock: clock)
        let thread = Thread { [self] in
            HTTPConnection(socket: socket, remoteAddress: remote, environment: environment).run()
            locked {
                // Removed and closed under the lock so shutdown never touches a reused number.
                connections.remove(fd)
                if let host {
                    let remaining = connectionsByHost[host, default: 1] - 1
                    connectionsByHost[host] = remaining > 0 ? remaining : nil
                }
                close(fd)
                condition.broadcast()
            }
        }
        thread.name = "HTTPServer.connection"
        thread.start()
    }
}
