extension HTTPRequestParser {
    /// Size limits the parser enforces. `HTTPServer.Configuration` carries the same values
    /// and builds this struct; see there for the defaults' rationale.
    public struct Limits: Sendable, Equatable {
        /// Longest request line in bytes, excluding its CRLF. Default 8 KiB. Beyond: 414.
        public var maxRequestLineBytes: Int
        /// Largest header section in bytes: all field lines including their CRLFs, excluding
        /// the request line and the empty line that ends the head. Default 16 KiB. Beyond: 431.
        /// Also bounds a chunked body's trailer section.
        public var maxHeaderBytes: Int
        /// Most field lines in one head. Default 100. Beyond: 431.
        public var maxHeaderCount: Int
        /// Largest body in bytes (declared `Content-Length` or decoded chunked size).
        /// Default 16 MiB. Beyond: 413, decided before the body is read when declared.
        public var maxBodyBytes: Int

        /// Longest chunk-size line (size plus extensions) in a chunked body, in bytes.
        static let maxChunkLineBytes = 1024

        /// Creates limits; the defaults are the documented safe values.
        public init(maxRequestLineBytes: Int = 8 * 1024, maxHeaderBytes: Int = 16 * 1024,
                    maxHeaderCount: Int = 100, maxBodyBytes: Int = 16 * 1024 * 1024) {
            self.maxRequestLineBytes = maxRequestLineBytes
            self.maxHeaderBytes = maxHeaderBytes
            self.maxHeaderCount = maxHeaderCount
            self.maxBodyBytes = maxBodyBytes
        }
    }
}
