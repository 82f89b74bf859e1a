extension HTTPServer {
    /// Every limit and timeout of the server, with safe defaults. Times are in seconds.
    public struct Configuration: Sendable, Equatable {
        /// Longest request line in bytes, excluding CRLF. Default 8 KiB (8192). Beyond: 414.
        public var maxRequestLineBytes = 8 * 1024
        /// Largest header section in bytes (field lines with their CRLFs, excluding the request
        /// line and the final empty line). Default 16 KiB (16384). Beyond: 431.
        public var maxHeaderBytes = 16 * 1024
        /// Most header fields per request. Default 100. Beyond: 431.
        public var maxHeaderCount = 100
        /// Largest request body in bytes, declared or chunked-decoded. Default 16 MiB.
        /// Beyond: 413, before reading the body when `Content-Length` declares it.
        public var maxBodyBytes = 16 * 1024 * 1024
        /// Seconds within which a whole request head must arrive, counted from its first byte.
        /// Default 10. Beyond: 408 and close (defeats slow-header "slowloris" senders).
        public var requestHeadTimeout: Double = 10
        /// Seconds within which the whole body must arrive after the head. Default 30. Beyond: 408.
        public var bodyTimeout: Double = 30
        /// Seconds a connection may wait for the first byte of a request (after accept or
        /// between keep-alive requests). Default 15. Beyond: closed silently.
        public var idleTimeout: Double = 15
        /// Seconds within which a whole response must be written. Default 30. Beyond: closed.
        public var writeTimeout: Double = 30
        /// Seconds to keep reading (and discarding) after answering an error and half-closing,
        /// so the client receives the answer instead of a reset. Default 2.
        public var lingerTimeout: Double = 2
        /// Most open client connections, each served by its own thread. Default 256. Beyond:
        /// 503 `too_many_connections` with `Retry-After`, and the new connection is closed.
        public var maxConcurrentConnections = 256
        /// Most open connections from one client address, so one client cannot take every
        /// slot. Default 64: an office of about 30 devices behind one NAT address, each
        /// holding a pull connection and opening one per push. Beyond: 429
        /// `too_many_connections_from_address` with `Retry-After`, and the new connection
        /// is closed. Connections from `trustedProxyAddresses` are not limited (the proxy
        /// limits its clients, e.g. nginx `limit_conn`).
        public var maxConnectionsPerAddress = 64
        /// Peer addresses (IP literals, e.g. `"127.0.0.1"` for a local nginx) whose
        /// `X-Forwarded-For` names the client; see `HTTPRequest.clientAddress(trusting:)`.
        /// Default none: the peer address is the client and `X-Forwarded-For` is ignored.
        public var trustedProxyAddresses: [String] = []
        /// Largest body read from a request the head gate did not authenticate (enrolment,
        /// login forms), in bytes. Default 64 KiB (65,536). Beyond: 413 `body_too_large`
        /// before the body is read. See `HTTPHeadGate`.
        public var preAuthenticationBodyBytes = 64 * 1024
        /// Bytes of request bodies all connections together may hold at once; a body's
        /// declared `Content-Length` (a chunked body: its whole limit) is reserved when its
        /// head is admitted. Default 64 MiB (67,108,864): four bodies of the largest size,
        /// or hundreds of ordinary pushes. Beyond: 503 `server_busy` with `Retry-After`,
        /// before the body is read.
        public var maxInFlightBodyBytes = 64 * 1024 * 1024
        /// Seconds announced in `Retry-After` when a connection or body is refused for load
        /// (503, 429 at accept). Default 5.
        public var retryAfterSeconds = 5
        /// Most handler invocations running at once (the worker count); further requests wait
        /// for a free slot. Default 16.
        public var workerThreadCount = 16
        /// Most requests answered from one read's worth of pipelined bytes; the last of them
        /// carries `Connection: close` and the connection closes (clients retry the rest,
        /// RFC 9112 §9.3.2). Default 16.
        public var maxPipelinedRequests = 16
        /// Pending-connection queue length passed to `listen`. Default 128.
        public var listenBacklog: Int32 = 128
        /// Bytes requested per `recv`. Default 64 KiB.
        public var readChunkBytes = 64 * 1024

        /// Creates the default configuration; adjust properties as needed.
        public init() {}

        /// The parser limits derived from this configuration.
        public var parserLimits: HTTPRequestParser.Limits {
            HTTPRequestParser.Limits(maxRequestLineBytes: maxRequestLineBytes, maxHeaderBytes: maxHeaderBytes,
                                     maxHeaderCount: maxHeaderCount, maxBodyBytes: maxBodyBytes)
        }
    }
}
