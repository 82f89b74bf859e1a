extension HTTPRequestParser {
    /// Decides how the body is delimited (RFC 9112 §6.3), refusing anything ambiguous.
    func framing(for request: HTTPRequest) throws(HTTPParseError) -> Framing {
        let headers = request.headers
        let transferEncodings = headers.values(for: "Transfer-Encoding")
        let contentLengths = headers.values(for: "Content-Length")
        if !transferEncodings.isEmpty {
            guard contentLengths.isEmpty, request.version == .http1_1 else {
                throw HTTPParseError(.ambiguousLength,
                                     "Transfer-Encoding is not allowed with Content-Length or on HTTP/1.0.")
            }
            let codings = transferEncodings.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
                .map { $0.trimmingOWS() }
            guard let last = codings.last, HTTPHeaders.namesEqual(last, "chunked") else {
                throw .bad("The final transfer coding must be chunked.")
            }
            guard codings.count == 1 else {
                throw HTTPParseError(.unsupportedTransferEncoding, "Only the chunked transfer coding is supported.")
            }
            return .chunked
        }
        guard !contentLengths.isEmpty else { return .none }
        var length: Int?
        for element in contentLengths.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: false) }) {
            let parsed = try parseContentLength(element.trimmingOWS())
            if let length, length != parsed {
                throw HTTPParseError(.invalidContentLength, "Conflicting Content-Length values.")
            }
            length = parsed
        }
        guard let length else { return .none }
        return length == 0 ? .none : .contentLength(length)
    }

    /// `1*DIGIT`, refused with 413 when above `maxBodyBytes` (including overflow).
    private func parseContentLength(_ text: Substring) throws(HTTPParseError) -> Int {
        guard !text.isEmpty, text.utf8.allSatisfy(ByteSet.isDigit) else {
            throw HTTPParseError(.invalidContentLength, "Content-Length must be a non-negative decimal integer.")
        }
        var value = 0
        for digit in text.utf8 {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int(digit - 0x30))
            guard !o1, !o2, sum <= limits.maxBodyBytes else { throw bodyTooLarge }
            value = sum
        }
        return value
    }

    var bodyTooLarge: HTTPParseError { HTTPParseError(.bodyTooLarge, "The request body is too large.") }

    /// Splits the target into the still-encoded path and the decoded query (RFC 9112 §3.2).
    static func parseTarget(_ target: String, method: HTTPMethod) throws(HTTPParseError) -> (String, [String: String]) {
        if target == "*" {
            guard method == .options else { throw .bad("The asterisk target is only valid for OPTIONS.") }
            return ("*", [:])
        }
        guard !target.utf8.contains(UInt8(ascii: "#")) else { throw .bad("The request target has a fragment.") }
        var rest = Substring(target)
        if !rest.hasPrefix("/") {
            // absolute-form: drop "scheme://authority"; other forms (authority-form) are refused.
            let lower = rest.lowercased()
            guard let schemeEnd = lower.hasPrefix("http://") ? 7 : lower.hasPrefix("https://") ? 8 : nil else {
                throw .bad("Unsupported request target form.")
            }
            rest = rest.dropFirst(schemeEnd)
            if let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) {
                rest = rest[slash...]
            } else {
                rest = ""
            }
        }
        let questionMark = rest.firstIndex(of: "?")
        var path = String(rest[..<(questionMark ?? rest.endIndex)])
        if path.isEmpty { path = "/" }
        guard let encodedQuery = questionMark.map({ rest[rest.index(after: $0)...] }) else { return (path, [:]) }
        guard let query = PercentDecoding.parseQuery(encodedQuery) else {
            throw .bad("The query string is not valid percent-encoded UTF-8.")
        }
        return (path, query)
    }
}
