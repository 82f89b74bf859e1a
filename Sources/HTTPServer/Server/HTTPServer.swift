import Foundation
import Glibc

/// A request handler: called synchronously on the connection's thread, at most
/// `workerThreadCount` at a time. It must not block indefinitely (graceful shutdown waits).
public typealias HTTPHandler = @Sendable (HTTPRequest) -> HTTPResponse

/// A hardened HTTP/1.1 server on POSIX sockets: one thread per connection (bounded by
/// `maxConcurrentConnections`), poll-based timeouts, strict parsing, graceful shutdown.
///
/// ```swift
/// let server = HTTPServer(configuration: .init()) { request in .text(.ok, "hi") }
/// let port = try server.start(host: "127.0.0.1", port: 8080)
/// _ = HTTPServer.waitForTerminationSignal()
/// server.shutdown(gracePeriod: 10)
/// ```
public final class HTTPServer: @unchecked Sendable {
    enum State { case idle, running, draining, stopped }

    /// The limits and timeouts in force.
    public let configuration: Configuration
    let handler: HTTPHandler
    let headGate: HTTPHeadGate?
    let clock: any HTTPClock
    let workers: DispatchSemaphore
    let bodyBudget: HTTPBodyBudget

    /// Guards every mutable property below; also signalled when connections end.
    let condition = NSCondition()
    var state = State.idle
    var listenFD: Int32 = -1
    var wakeRead: Int32 = -1
    var wakeWrite: Int32 = -1
    var connections: Set<Int32> = []
    /// Open connections by client host (trusted proxies excluded), for the per-address limit.
    var connectionsByHost: [String: Int] = [:]
    var acceptLoopRunning = false
    var accessHook: (@Sendable (HTTPAccessLogEntry) -> Void)?

    /// Called after every response (including server-generated errors and 503 refusals).
    /// Set it before `start`; later changes are not seen by running connections.
    public var onRequestCompleted: (@Sendable (HTTPAccessLogEntry) -> Void)? {
        get { locked { accessHook } }
        set { locked { accessHook = newValue } }
    }

    /// Creates a stopped server.
    /// - Parameters:
    ///   - configuration: limits and timeouts.
    ///   - clock: the monotonic clock for timeouts (injectable for tests).
    ///   - headGate: decides on each head announcing a body before the body is read
    ///     (authentication at the head); `nil` admits every body up to `maxBodyBytes`.
    ///   - handler: produces a response for each request.
    public init(configuration: Configuration = Configuration(), clock: any HTTPClock = MonotonicHTTPClock(),
                headGate: HTTPHeadGate? = nil, handler: @escaping HTTPHandler) {
        self.configuration = configuration
        self.clock = clock
        self.headGate = headGate
        self.handler = handler
        self.workers = DispatchSemaphore(value: max(configuration.workerThreadCount, 1))
        self.bodyBudget = HTTPBodyBudget(capacity: configuration.maxInFlightBodyBytes)
    }

    /// The number of open client connections.
    public var activeConnectionCount: Int { locked { connections.count } }

    /// Bytes of request bodies reserved by connections now (see `maxInFlightBodyBytes`).
    public var inFlightBodyBytes: Int { bodyBudget.reservedBytes }

    /// Binds, listens and starts accepting on a background thread.
    /// - Parameters:
    ///   - host: an IPv4 or IPv6 literal (`"127.0.0.1"`, `"::1"`, `"0.0.0.0"`); no DNS.
    ///   - port: the port, or 0 for an ephemeral one.
    /// - Returns: the bound port.
    /// - Throws: `HTTPServerError` (`invalid_address`, `invalid_state`, `system_call_failed`).
    @discardableResult
    public func start(host: String = "127.0.0.1", port: UInt16 = 0) throws(HTTPServerError) -> UInt16 {
        try locked { () throws(HTTPServerError) in
            guard state == .idle else { throw HTTPServerError(code: .invalidState, message: "The server was already started.") }
        }
        // MSG_NOSIGNAL covers our sends; this covers anything else writing to a dead socket.
        signal(SIGPIPE, SIG_IGN)
        let (fd, boundPort) = try Self.makeListeningSocket(host: host, port: port, backlog: configuration.listenBacklog)
        var pipeFDs: [Int32] = [-1, -1]
        guard pipe(&pipeFDs) == 0 else {
            let error = HTTPServerError(call: "pipe", errno: errno)
            close(fd)
            throw error
        }
        for pipeFD in pipeFDs { _ = fcntl(pipeFD, F_SETFD, FD_CLOEXEC) }
        locked {
            listenFD = fd
            wakeRead = pipeFDs[0]
            wakeWrite = pipeFDs[1]
            state = .running
            acceptLoopRunning = true
        }
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "HTTPServer.accept"
        thread.start()
        return boundPort
    }

    /// Stops gracefully: stops accepting, closes idle keep-alive connections, lets requests
    /// in flight finish and their responses be written (each with `Connection: close`).
    /// Connections still open after `gracePeriod` seconds are shut down forcibly; a handler
    /// that is still running cannot be interrupted. Returns when done; safe to call twice.
    public func shutdown(gracePeriod: Double = 10) {
        let wake: Int32? = locked {
            guard state == .running else { return nil }
            state = .draining
            return wakeWrite
        }
        guard let wake else { return }
        var byte: UInt8 = 1
        _ = write(wake, &byte, 1)
        let deadline = Date(timeIntervalSinceNow: max(gracePeriod, 0))
        condition.lock()
        defer { condition.unlock() }
        while acceptLoopRunning || !connections.isEmpty {
            if !condition.wait(until: deadline) { break }
        }
        if !connections.isEmpty {
            for fd in connections { Glibc.shutdown(fd, Int32(SHUT_RDWR)) }
            let hardDeadline = Date(timeIntervalSinceNow: 1)
            while !connections.isEmpty && condition.wait(until: hardDeadline) {}
        }
        state = .stopped
        if connections.isEmpty && !acceptLoopRunning {
            close(wakeRead)
            close(wakeWrite)
        }
    }

    var isDraining: Bool { locked { state != .running } }

    func locked<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        condition.lock()
        defer { condition.unlock() }
        return try body()
    }
}
