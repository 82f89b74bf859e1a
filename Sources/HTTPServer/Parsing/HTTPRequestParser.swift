/// An incremental HTTP/1.1 request parser (RFC 9112): a state machine over bytes with no I/O.
///
/// Feed it bytes as they arrive and call `nextRequest()` until it returns `nil` (needs more
/// bytes). Pipelined requests in one buffer come out in order. After a thrown error the
/// parser stays failed and rethrows it; the connection must answer and close.
///
/// Strictness choices (RFC 9112 leaves some to the implementation):
/// - Lines must end in CRLF. A bare LF or bare CR anywhere in the head, a chunk line or a
///   trailer is refused with 400 (RFC 9112 §2.2 permits this); empty lines (CRLF) before
///   the request line are skipped, as §2.2 recommends.
/// - Exactly one SP separates the request-line parts; obs-fold and whitespace between a
///   field name and its colon are refused (400).
/// - `Transfer-Encoding: chunked` request bodies are decoded under `maxBodyBytes`; trailer
///   fields are read (bounded by `maxHeaderBytes`) and discarded. Other codings give 501.
/// - Both `Content-Length` and `Transfer-Encoding`, or `Transfer-Encoding` on HTTP/1.0, give
///   400 `ambiguous_length` (request smuggling defence, §6.3).
/// - `Expect: 100-continue` sets `expectsContinue` once the head is parsed and the body is
///   awaited, so the server can send `100 Continue`; a too-large declared body is refused
///   with 413 before that.
/// - With `holdsBodiesForAdmission`, a head that announces a body is held as `pendingHead`
///   and no body byte is consumed until `admitBody(limit:)`: the server authenticates the
///   head and chooses the body limit before it buffers the body.
public struct HTTPRequestParser: Sendable {
    /// How far the parser is into the current request; drives the server's timeouts.
    public enum Progress: Sendable, Equatable {
        /// No byte of a next request is buffered.
        case idle
        /// Some bytes of a request head are buffered, but not the whole head.
        case head
        /// The head is complete; the body is being received.
        case body
    }

    enum State: Sendable {
        case head
        case body(HTTPRequest, remaining: Int)
        case chunked(HTTPRequest, ChunkedState)
    }

    /// The limits in force.
    public let limits: Limits
    /// Copied into every request's `remoteAddress`.
    public var remoteAddress: String

    var buffer: [UInt8] = []
    /// Index in `buffer` of the first unconsumed byte.
    var start = 0
    var state: State = .head
    var headScan = HeadScan()
    var failure: HTTPParseError?
    /// Whether heads with a body wait for `admitBody(limit:)`.
    public let holdsBodiesForAdmission: Bool
    /// Largest body of the current request: `limits.maxBodyBytes` unless admission lowered it.
    var bodyLimit: Int
    /// Whether the current request's body has been admitted.
    var bodyAdmitted = false

    /// Total bytes consumed by completed or partly decoded requests since creation.
    public internal(set) var consumedByteCount = 0
    /// Whether the current request asked for `100 Continue` and its body has not started.
    /// Cleared by `acknowledgeContinue()` or when the request completes.
    public internal(set) var expectsContinue = false

    /// Creates a parser.
    /// - Parameters:
    ///   - limits: size limits to enforce.
    ///   - remoteAddress: the peer address copied into each request.
    ///   - holdsBodiesForAdmission: whether a head announcing a body waits for
    ///     `admitBody(limit:)` before its body is consumed.
    public init(limits: Limits = Limits(), remoteAddress: String = "", holdsBodiesForAdmission: Bool = false) {
        self.limits = limits
        self.remoteAddress = remoteAddress
        self.holdsBodiesForAdmission = holdsBodiesForAdmission
        self.bodyLimit = limits.maxBodyBytes
    }

    /// The complete head of a request whose body waits for `admitBody(limit:)`; `nil`
    /// otherwise (and always without `holdsBodiesForAdmission`).
    public var pendingHead: HTTPRequest? {
        guard holdsBodiesForAdmission, !bodyAdmitted, failure == nil else { return nil }
        switch state {
        case .head: return nil
        case .body(let request, _), .chunked(let request, _): return request
        }
    }

    /// The `Content-Length` of the pending head's body; `nil` for a chunked body (size
    /// unknown until decoded) or when no head is pending.
    public var pendingBodyLength: Int? {
        guard pendingHead != nil, case .body(_, let remaining) = state else { return nil }
        return remaining
    }

    /// Lets the pending head's body be read, up to `limit` bytes (at most `maxBodyBytes`).
    /// - Throws: 413 `body_too_large` when the declared length exceeds `limit`; the parser
    ///   then stays failed.
    public mutating func admitBody(limit: Int) throws(HTTPParseError) {
        guard pendingHead != nil else { return }
        bodyLimit = min(limit, limits.maxBodyBytes)
        bodyAdmitted = true
        if case .body(_, let remaining) = state, remaining > bodyLimit {
            failure = bodyTooLarge
            expectsContinue = false
            throw bodyTooLarge
        }
    }

    /// Appends received bytes. Cheap; parsing happens in `nextRequest()`.
    public mutating func feed(_ bytes: some Collection<UInt8>) {
        // Reclaim consumed space once it dominates, keeping appends amortised O(1).
        if start > 4096 && start * 2 > buffer.count {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// Bytes received but not yet consumed.
    public var bufferedByteCount: Int { buffer.count - start }

    /// How far the parser is into the current request.
    public var progress: Progress {
        switch state {
        case .head: bufferedByteCount == 0 && headScan.isFresh ? .idle : .head
        case .body, .chunked: .body
        }
    }

    /// Records that `100 Continue` was sent (or deliberately skipped).
    public mutating func acknowledgeContinue() { expectsContinue = false }

    /// Returns the next complete request, or `nil` when more bytes are needed.
    /// - Throws: `HTTPParseError` for malformed or over-limit input; the parser then stays failed.
    public mutating func nextRequest() throws(HTTPParseError) -> HTTPRequest? {
        if let failure { throw failure }
        do {
            return try step()
        } catch {
            failure = error
            expectsContinue = false
            throw error
        }
    }

    private mutating func step() throws(HTTPParseError) -> HTTPRequest? {
        while true {
            switch state {
            case .head:
                guard let (request, framing) = try parseHeadIfComplete() else { return nil }
                switch framing {
                case .none:
                    return request
                case .contentLength(let length):
                    state = .body(request, remaining: length)
                case .chunked:
                    state = .chunked(request, ChunkedState())
                }
            case .body(var request, let remaining):
                guard !holdsBodiesForAdmission || bodyAdmitted, bufferedByteCount >= remaining else { return nil }
                request.body = Array(buffer[start..<start + remaining])
                consume(remaining)
                finishRequest()
                return request
            case .chunked(var request, var chunked):
                guard !holdsBodiesForAdmission || bodyAdmitted else { return nil }
                // Drop the state's reference first so appending to the body does not copy it.
                state = .head
                let done = try decodeChunks(&chunked, into: &request.body)
                if done {
                    finishRequest()
                    return request
                }
                state = .chunked(request, chunked)
                return nil
            }
        }
    }

    private mutating func finishRequest() {
        state = .head
        expectsContinue = false
        bodyAdmitted = false
        bodyLimit = limits.maxBodyBytes
    }

    mutating func consume(_ count: Int) {
        start += count
        consumedByteCount += count
    }
}
