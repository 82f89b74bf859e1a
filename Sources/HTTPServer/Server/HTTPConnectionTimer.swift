/// The timeout rules for one connection as a pure state machine over clock readings:
/// - idle (no byte of a next request): `idleTimeout` from the end of the last response
///   (or from accept);
/// - head (some of the head received): `requestHeadTimeout` from its first byte, so a
///   client trickling bytes cannot keep the head open;
/// - body: `bodyTimeout` from the end of the head.
struct HTTPConnectionTimer: Sendable, Equatable {
    let idleTimeout: Double
    let requestHeadTimeout: Double
    let bodyTimeout: Double

    /// The phase being timed.
    private(set) var phase: HTTPRequestParser.Progress = .idle
    /// When the current phase began.
    private(set) var phaseStart: Double
    /// When the first byte of the current request arrived (for access-log durations).
    private(set) var requestStart: Double

    init(idleTimeout: Double, requestHeadTimeout: Double, bodyTimeout: Double, now: Double) {
        self.idleTimeout = idleTimeout
        self.requestHeadTimeout = requestHeadTimeout
        self.bodyTimeout = bodyTimeout
        self.phaseStart = now
        self.requestStart = now
    }

    /// Records the parser's progress; a change of phase restarts the timer at `now`.
    mutating func observe(_ progress: HTTPRequestParser.Progress, at now: Double) {
        guard progress != phase else { return }
        if phase == .idle { requestStart = now }
        phase = progress
        phaseStart = now
    }

    /// Restarts idle timing after a response has been written.
    mutating func responseWritten(at now: Double) {
        phase = .idle
        phaseStart = now
        requestStart = now
    }

    /// When the current phase times out.
    var deadline: Double {
        switch phase {
        case .idle: phaseStart + idleTimeout
        case .head: phaseStart + requestHeadTimeout
        case .body: phaseStart + bodyTimeout
        }
    }
}
