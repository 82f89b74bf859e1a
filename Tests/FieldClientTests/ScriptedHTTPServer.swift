import Foundation
import Glibc
import TestSupport

/// A raw HTTP/1.1 server on 127.0.0.1 for transport tests: it answers every request with
/// `{"received":N}` (N: body bytes received) on a keep-alive connection, except one chosen
/// request, which it reads whole and then closes the connection on without answering, as a
/// server or proxy dropping an idle keep-alive connection does.
///
/// A request whose declared body does not arrive within `bodyWait` seconds is answered 400
/// `body_missing`: that is how a request re-sent without its body shows up.
final class ScriptedHTTPServer: @unchecked Sendable {
    /// One request as the server saw it.
    struct Request: Equatable {
        let connection: Int
        let method: String
        let declaredBytes: Int
        let receivedBytes: Int
    }

    var port: UInt16 { listener.port }
    private let listener: LoopbackListener
    private let drop: (connection: Int, request: Int)?
    private let bodyWait: Double
    private let lock = NSLock()
    private var log: [Request] = []
    private var connections = 0

    /// Starts listening on an ephemeral port.
    /// - Parameters:
    ///   - drop: the request (both counted from 1) to read and then drop the connection on.
    ///   - bodyWait: seconds to wait for a declared body before answering `body_missing`.
    init(drop: (connection: Int, request: Int)? = nil, bodyWait: Double = 2) throws {
        self.drop = drop
        self.bodyWait = bodyWait
        listener = try LoopbackListener(backlog: 16)
        listener.start { [self] client in
            let number = lock.withLock { () -> Int in connections += 1; return connections }
            serve(client, connection: number)
        }
    }

    deinit { stop() }

    /// Every request seen so far, in order.
    var requests: [Request] { lock.withLock { log } }
    /// Connections accepted so far.
    var connectionCount: Int { lock.withLock { connections } }

    /// Stops accepting; open connections end at their next read.
    func stop() { listener.stop() }

    private func serve(_ client: Int32, connection: Int) {
        defer { close(client) }
        var buffer: [UInt8] = []
        var count = 0
        while let head = readHead(client, &buffer) {
            count += 1
            let declared = Self.contentLength(head)
            let received = readBody(client, &buffer, declared: declared)
            let method = String(head.prefix { $0 != " " })
            lock.withLock { log.append(Request(connection: connection, method: method, declaredBytes: declared, receivedBytes: received)) }
            if let drop, drop == (connection, count) { return }
            let complete = received == declared
            let body = complete ? #"{"received":\#(received)}"# : #"{"error":{"code":"body_missing","message":"m"}}"#
            let answer = "HTTP/1.1 \(complete ? "200 OK" : "400 Bad Request")\r\nContent-Type: application/json\r\n"
                + "Content-Length: \(body.utf8.count)\r\nConnection: \(complete ? "keep-alive" : "close")\r\n\r\n\(body)"
            guard Self.send(client, Array(answer.utf8)), complete else { return }
        }
    }

    /// The next request head (up to the empty line), or `nil` at end of stream.
    private func readHead(_ fd: Int32, _ buffer: inout [UInt8]) -> String? {
        while true {
            if let end = buffer.firstRange(of: [13, 10, 13, 10])?.upperBound {
                let head = String(decoding: buffer[..<end], as: UTF8.self)
                buffer.removeFirst(end)
                return head
            }
            guard fill(fd, &buffer, timeout: 30) else { return nil }
        }
    }

    /// Consumes up to `declared` body bytes, waiting at most `bodyWait`; returns how many came.
    private func readBody(_ fd: Int32, _ buffer: inout [UInt8], declared: Int) -> Int {
        let deadline = Date(timeIntervalSinceNow: bodyWait)
        while buffer.count < declared, deadline.timeIntervalSinceNow > 0,
              fill(fd, &buffer, timeout: deadline.timeIntervalSinceNow) {}
        let received = min(buffer.count, declared)
        buffer.removeFirst(received)
        return received
    }

    private func fill(_ fd: Int32, _ buffer: inout [UInt8], timeout: Double) -> Bool {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(max(1, timeout * 1000))) > 0 else { return false }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = recv(fd, &chunk, chunk.count, 0)
        guard count > 0 else { return false }
        buffer += chunk[..<count]
        return true
    }

    private static func contentLength(_ head: String) -> Int {
        for line in head.lowercased().split(separator: "\r\n") where line.hasPrefix("content-length:") {
            return Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        return 0
    }

    private static func send(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }
}
