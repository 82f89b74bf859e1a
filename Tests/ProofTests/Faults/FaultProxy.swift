import Foundation
import Glibc
import TestSupport

/// A TCP proxy on 127.0.0.1 that sits between field clients and the server and, at
/// random but from a seed, breaks HTTP exchanges the ways a mobile network does.
///
/// Requests are read whole (head plus `Content-Length` body) and each is forwarded on a
/// fresh upstream connection, so one decision applies to exactly one request. Decisions
/// are drawn in the order requests arrive; with one client syncing at a time that order,
/// and so the whole run, is reproducible from the seed.
final class FaultProxy: @unchecked Sendable {
    /// What happens to one request.
    enum Fault: String, CaseIterable, Sendable {
        /// Forwarded, answer returned.
        case pass
        /// The client's connection is closed before anything is forwarded.
        case dropBeforeRequest
        /// Forwarded and answered by the server; the client's connection is closed instead of answering.
        case dropAfterRequest
        /// Half of the answer is sent, then the connection is closed.
        case dropMidResponse
        /// Forwarded after a delay of up to 50 ms.
        case delay
        /// Forwarded twice; the client gets the second answer.
        case duplicate
    }

    /// The port clients connect to.
    let port: UInt16
    private let listener: LoopbackListener
    private let lock = NSLock()
    private var random: SeededGenerator
    private var upstream: UInt16
    private var faultPercent: Int
    private var tally: [Fault: Int] = [:]

    /// Starts listening.
    /// - Parameters:
    ///   - upstreamPort: the server's port on 127.0.0.1.
    ///   - seed: seeds the fault decisions.
    ///   - faultPercent: the chance, in percent, that a request meets a fault other than `pass`.
    init(upstreamPort: UInt16, seed: UInt64, faultPercent: Int) throws {
        upstream = upstreamPort
        random = SeededGenerator(seed: seed)
        self.faultPercent = faultPercent
        do { listener = try LoopbackListener() } catch { throw CountyFailure("proxy: \(error)") }
        port = listener.port
        listener.start { [self] client in
            Self.setTimeout(client, seconds: 30)
            serve(client)
        }
    }

    deinit { stop() }

    /// Where requests go; changed when a killed server comes back on another port.
    var upstreamPort: UInt16 {
        get { lock.withLock { upstream } }
        set { lock.withLock { upstream = newValue } }
    }

    /// The fault rate in percent; 0 makes the proxy transparent.
    var faultRate: Int {
        get { lock.withLock { faultPercent } }
        set { lock.withLock { faultPercent = newValue } }
    }

    /// How often each fault was applied.
    var counts: [Fault: Int] { lock.withLock { tally } }

    /// Stops accepting connections.
    func stop() { listener.stop() }

    private func nextFault() -> (Fault, delayMillis: Int) {
        lock.withLock {
            var fault = Fault.pass
            if Int.random(in: 0..<100, using: &random) < faultPercent {
                fault = Fault.allCases.dropFirst().randomElement(using: &random) ?? .pass
            }
            tally[fault, default: 0] += 1
            return (fault, Int.random(in: 1...50, using: &random))
        }
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        var buffer: [UInt8] = []
        while let request = Self.readMessage(client, &buffer) {
            let (fault, delay) = nextFault()
            switch fault {
            case .dropBeforeRequest:
                return
            case .dropAfterRequest:
                _ = forward(request)
                return
            case .dropMidResponse:
                guard let response = forward(request) else { return }
                _ = Self.send(client, Array(response.prefix(response.count / 2)))
                return
            case .delay, .pass, .duplicate:
                if fault == .delay { usleep(UInt32(delay * 1000)) }
                if fault == .duplicate { _ = forward(request) }
                guard let response = forward(request), Self.send(client, response) else { return }
            }
        }
    }

    /// Sends `request` to the server on a new connection and reads one answer.
    private func forward(_ request: [UInt8]) -> [UInt8]? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        Self.setTimeout(fd, seconds: 30)
        var address = Self.loopback(port: upstreamPort)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0, Self.send(fd, request) else { return nil }
        var buffer: [UInt8] = []
        return Self.readMessage(fd, &buffer)
    }

    // MARK: - Sockets and framing

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private static func setTimeout(_ fd: Int32, seconds: Int) {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    private static func send(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress.map { $0 + offset }, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    /// Reads one HTTP message framed by `Content-Length` (0 when absent); `nil` at end of
    /// stream, on error or for chunked framing, which neither side uses here.
    private static func readMessage(_ fd: Int32, _ buffer: inout [UInt8]) -> [UInt8]? {
        let separator: [UInt8] = [13, 10, 13, 10]
        while true {
            if let end = buffer.firstRange(of: separator)?.upperBound {
                let head = String(decoding: buffer[..<end], as: UTF8.self).lowercased()
                if head.contains("transfer-encoding:") { return nil }
                var length = 0
                for line in head.split(separator: "\r\n") where line.hasPrefix("content-length:") {
                    length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
                }
                while buffer.count < end + length { guard fill(fd, &buffer) else { return nil } }
                let message = Array(buffer[..<(end + length)])
                buffer.removeFirst(end + length)
                return message
            }
            guard fill(fd, &buffer) else { return nil }
        }
    }

    private static func fill(_ fd: Int32, _ buffer: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = recv(fd, &chunk, chunk.count, 0)
        guard count > 0 else { return false }
        buffer += chunk[..<count]
        return true
    }
}
