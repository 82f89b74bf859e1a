import Dispatch

/// Serves one client connection on its own thread: read, parse, call the handler, write,
/// until the client or a limit ends it. Everything it shares with the server comes in
/// through `Environment`.
final class HTTPConnection {
    /// What the connection needs from its server.
    struct Environment: Sendable {
        let configuration: HTTPServer.Configuration
        let handler: HTTPHandler
        /// Decides on heads announcing a body; `nil` admits every body up to `maxBodyBytes`.
        let headGate: HTTPHeadGate?
        /// The bytes of bodies all connections may hold at once.
        let bodyBudget: HTTPBodyBudget
        let clock: any HTTPClock
        /// Readable once the server begins shutting down.
        let wakeFD: Int32
        let isDraining: @Sendable () -> Bool
        /// Limits concurrent handler invocations to `workerThreadCount`.
        let workers: DispatchSemaphore
        let onRequestCompleted: (@Sendable (HTTPAccessLogEntry) -> Void)?
    }

    private let socket: ConnectionSocket
    private let remoteAddress: String
    private let environment: Environment
    private var parser: HTTPRequestParser
    private var timer: HTTPConnectionTimer
    /// Requests answered since the last read; bounds pipelining.
    private var answeredSinceRead = 0
    private var bytesInAtRequestStart = 0
    private var noticedDrain = false
    /// Bytes of `bodyBudget` held for the current request's body.
    private var reservedBodyBytes = 0

    init(socket: ConnectionSocket, remoteAddress: String, environment: Environment) {
        self.socket = socket
        self.remoteAddress = remoteAddress
        self.environment = environment
        let configuration = environment.configuration
        parser = HTTPRequestParser(limits: configuration.parserLimits, remoteAddress: remoteAddress,
                                   holdsBodiesForAdmission: true)
        timer = HTTPConnectionTimer(idleTimeout: configuration.idleTimeout,
                                    requestHeadTimeout: configuration.requestHeadTimeout,
                                    bodyTimeout: configuration.bodyTimeout, now: environment.clock.now())
    }

    private var clock: any HTTPClock { environment.clock }
    private var configuration: HTTPServer.Configuration { environment.configuration }

    /// Runs until the connection should close. The caller closes the descriptor.
    func run() {
        defer { releaseBodyReservation() }
        while true {
            let request: HTTPRequest?
            do {
                request = try parser.nextRequest()
            } catch {
                fail(with: .error(error))
                return
            }
            if let request {
                guard serve(request) else { return }
                continue
            }
            if let head = parser.pendingHead {
                guard admit(head) else { return }
                continue
            }
            if parser.expectsContinue {
                let interim = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
                guard socket.writeAll(interim, until: clock.now() + configuration.writeTimeout) == interim.count
                else { return }
                parser.acknowledgeContinue()
            }
            guard receive() else { return }
        }
    }

    /// Waits for and feeds more bytes. Returns `false` when the connection should close.
    private func receive() -> Bool {
        timer.observe(parser.progress, at: clock.now())
        if timer.phase == .idle && (noticedDrain || environment.isDraining()) { return false }
        switch socket.waitReadable(until: timer.deadline, wakeFD: noticedDrain ? nil : environment.wakeFD) {
        case .woken:
            noticedDrain = true
            return true
        case .timedOut:
            // An idle keep-alive connection just closes; a half-sent request learns why.
            if timer.phase != .idle {
                fail(with: .error(.requestTimeout, code: "request_timeout",
                                  message: "The request was not received in time."))
            }
            return false
        case .ready:
            switch socket.read(maxBytes: configuration.readChunkBytes) {
            case .bytes(let bytes):
                parser.feed(bytes)
                answeredSinceRead = 0
                timer.observe(parser.progress, at: clock.now())
                return true
            case .wouldBlock:
                return true
            case .endOfStream, .failed:
                return false
            }
        }
    }

    /// Decides on a complete head whose body has not been read: asks the head gate, sets the
    /// body limit and reserves the body's bytes in the shared budget. Returns `false` when
    /// the request was refused and the connection closed.
    private func admit(_ head: HTTPRequest) -> Bool {
        let limit: Int
        switch environment.headGate?(head) ?? .authenticated {
        case .refuse(let response):
            _ = write(response, method: head.method, path: head.path, keepAlive: false)
            // Read no more of the body than an unauthenticated request may send.
            socket.lingeringClose(until: clock.now() + configuration.lingerTimeout,
                                  maxBytes: configuration.preAuthenticationBodyBytes)
            return false
        case .authenticated:
            limit = configuration.maxBodyBytes
        case .unauthenticated:
            limit = configuration.preAuthenticationBodyBytes
        }
        let declared = parser.pendingBodyLength
        do {
            try parser.admitBody(limit: limit)
        } catch {
            fail(with: .error(error), method: head.method, path: head.path)
            return false
        }
        // A chunked body's size is unknown until decoded, so it reserves its whole limit.
        let reservation = min(declared ?? limit, limit)
        guard environment.bodyBudget.reserve(reservation) else {
            var response = HTTPResponse.error(.serviceUnavailable, code: "server_busy",
                                              message: "The server is receiving too many request bodies; retry later.")
            response.headers["Retry-After"] = String(configuration.retryAfterSeconds)
            _ = write(response, method: head.method, path: head.path, keepAlive: false)
            socket.lingeringClose(until: clock.now() + configuration.lingerTimeout,
                                  maxBytes: configuration.preAuthenticationBodyBytes)
            return false
        }
        reservedBodyBytes = reservation
        return true
    }

    private func releaseBodyReservation() {
        guard reservedBodyBytes > 0 else { return }
        environment.bodyBudget.release(reservedBodyBytes)
        reservedBodyBytes = 0
    }

    /// Calls the handler and writes its response. Returns whether to keep the connection.
    private func serve(_ request: HTTPRequest) -> Bool {
        answeredSinceRead += 1
        environment.workers.wait()
        let response = environment.handler(request)
        environment.workers.signal()
        let keepAlive = request.keepAlive && !environment.isDraining()
            && answeredSinceRead < configuration.maxPipelinedRequests
        let written = write(response, method: request.method, path: request.path, keepAlive: keepAlive)
        releaseBodyReservation()
        if keepAlive && written { return true }
        socket.lingeringClose(until: clock.now() + configuration.lingerTimeout)
        return false
    }

    /// Answers a server-detected error with `Connection: close`, then closes gently.
    private func fail(with response: HTTPResponse, method: HTTPMethod? = nil, path: String? = nil) {
        _ = write(response, method: method, path: path, keepAlive: false)
        socket.lingeringClose(until: clock.now() + configuration.lingerTimeout)
    }

    private func write(_ response: HTTPResponse, method: HTTPMethod?, path: String?, keepAlive: Bool) -> Bool {
        let bytes = response.serialized(for: method, keepAlive: keepAlive, date: HTTPDate.now())
        let written = socket.writeAll(bytes, until: clock.now() + configuration.writeTimeout)
        let now = clock.now()
        if let log = environment.onRequestCompleted {
            // For a timed-out or refused request the parser has not consumed its bytes.
            let bytesIn = max(parser.consumedByteCount - bytesInAtRequestStart, 0)
            log(HTTPAccessLogEntry(method: method, path: path, status: response.status, bytesIn: bytesIn,
                                   bytesOut: written, duration: now - timer.requestStart,
                                   remoteAddress: remoteAddress, logFields: response.logFields,
                                   completed: written == bytes.count))
        }
        bytesInAtRequestStart = parser.consumedByteCount
        timer.responseWritten(at: now)
        return written == bytes.count
    }
}
