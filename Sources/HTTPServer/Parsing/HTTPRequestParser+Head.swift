extension HTTPRequestParser {
    /// Incremental progress through a request head; offsets are relative to `start`.
    struct HeadScan: Sendable {
        /// The next byte to examine.
        var scanned = 0
        /// The first byte of the line being scanned.
        var lineStart = 0
        /// The offset of the request line's LF, once seen.
        var requestLineEnd: Int?
        /// Field lines seen so far.
        var fieldCount = 0

        var isFresh: Bool { scanned == 0 }
    }

    enum Framing {
        case none
        case contentLength(Int)
        case chunked
    }

    /// Scans newly buffered bytes for the end of the head, enforcing size limits as early as
    /// possible, then parses the head once it is complete.
    mutating func parseHeadIfComplete() throws(HTTPParseError) -> (HTTPRequest, Framing)? {
        while headScan.scanned < bufferedByteCount {
            let offset = headScan.scanned
            headScan.scanned += 1
            guard buffer[start + offset] == ByteSet.lf else { continue }
            let hasCR = offset > headScan.lineStart && buffer[start + offset - 1] == ByteSet.cr
            let lineLength = offset - headScan.lineStart - (hasCR ? 1 : 0)
            // Size limits are checked before syntax so the outcome does not depend on how
            // the bytes were split into reads (an incomplete line is only size-checked).
            if headScan.requestLineEnd == nil, lineLength > limits.maxRequestLineBytes { throw uriTooLong }
            if let requestLineEnd = headScan.requestLineEnd {
                // Field-section bytes before this LF; an empty line ends the section.
                let before = offset - (requestLineEnd + 1)
                let sectionBytes = lineLength == 0 ? before - (hasCR ? 1 : 0) : before + 1
                if sectionBytes > limits.maxHeaderBytes { throw headersTooLarge }
            }
            guard hasCR else { throw .bad("Line ends in a bare LF; CRLF is required.") }
            headScan.lineStart = offset + 1
            guard let requestLineEnd = headScan.requestLineEnd else {
                if lineLength == 0 {
                    // An empty line before the request line is skipped (RFC 9112 §2.2).
                    consume(offset + 1)
                    headScan = HeadScan()
                    continue
                }
                headScan.requestLineEnd = offset
                continue
            }
            if lineLength == 0 {
                let result = try parseHead(requestLineEnd: requestLineEnd, headEnd: offset + 1)
                consume(offset + 1)
                headScan = HeadScan()
                return result
            }
            headScan.fieldCount += 1
            if headScan.fieldCount > limits.maxHeaderCount {
                throw HTTPParseError(.tooManyHeaders, "The request has too many header fields.")
            }
        }
        // Incomplete head: refuse as soon as the limit is certainly exceeded.
        let pending = bufferedByteCount
        if let requestLineEnd = headScan.requestLineEnd {
            // A trailing CR may begin the final empty line, so it does not count yet.
            if pending - (requestLineEnd + 1) - trailingCR(pending) > limits.maxHeaderBytes { throw headersTooLarge }
        } else if pending - headScan.lineStart - trailingCR(pending) > limits.maxRequestLineBytes {
            throw uriTooLong
        }
        return nil
    }

    private func trailingCR(_ pending: Int) -> Int {
        pending > 0 && buffer[start + pending - 1] == ByteSet.cr ? 1 : 0
    }

    private var uriTooLong: HTTPParseError { HTTPParseError(.uriTooLong, "The request line is too long.") }
    private var headersTooLarge: HTTPParseError {
        HTTPParseError(.headersTooLarge, "The request header section is too large.")
    }

    /// Parses a complete head occupying `start..<start + headEnd`.
    private mutating func parseHead(requestLineEnd: Int, headEnd: Int) throws(HTTPParseError) -> (HTTPRequest, Framing) {
        let head = buffer[start..<start + headEnd]
        let base = head.startIndex
        let requestLine = head[base..<base + requestLineEnd - 1]
        let (method, target, version) = try Self.parseRequestLine(requestLine)

        var headers = HTTPHeaders()
        var lineStart = base + requestLineEnd + 1
        let fieldsEnd = base + headEnd - 2
        while lineStart < fieldsEnd {
            guard let lf = head[lineStart..<fieldsEnd].firstIndex(of: ByteSet.lf) else {
                throw .bad("Malformed header section.")
            }
            let field = try Self.parseFieldLine(head[lineStart..<lf - 1])
            headers.add(field.name, field.value)
            lineStart = lf + 1
        }

        let (path, query) = try Self.parseTarget(target, method: method)
        let request = HTTPRequest(method: method, target: target, path: path, query: query, version: version,
                                  headers: headers, body: [], remoteAddress: remoteAddress)
        let framing = try framing(for: request)
        if version == .http1_1 {
            let hosts = headers.values(for: "Host")
            guard hosts.count == 1 else {
                throw HTTPParseError(.missingHost, "An HTTP/1.1 request needs exactly one Host field.")
            }
        }
        switch framing {
        case .none: break
        case .contentLength, .chunked:
            expectsContinue = version == .http1_1 && headers.listContains("Expect", token: "100-continue")
        }
        return (request, framing)
    }

    /// `method SP request-target SP HTTP-version`, with exactly one SP between parts.
    static func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> (HTTPMethod, String, HTTPVersion) {
        let parts = line.split(separator: ByteSet.sp, maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty,
              parts[0].allSatisfy(ByteSet.isTokenChar) else {
            throw .bad("Malformed request line.")
        }
        guard parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .bad("The request target has invalid characters.")
        }
        let version = try parseVersion(parts[2])
        return (HTTPMethod(rawValue: String(decoding: parts[0], as: UTF8.self)),
                String(decoding: parts[1], as: UTF8.self), version)
    }

    /// `HTTP/DIGIT.DIGIT`; 1.0 and 1.1 are supported, other well-formed versions give 505.
    static func parseVersion(_ bytes: ArraySlice<UInt8>) throws(HTTPParseError) -> HTTPVersion {
        let v = Array(bytes)
        guard v.count == 8, v[0...4].elementsEqual("HTTP/".utf8), v[6] == UInt8(ascii: "."),
              ByteSet.isDigit(v[5]), ByteSet.isDigit(v[7]) else {
            throw .bad("Malformed HTTP version.")
        }
        let version = HTTPVersion(major: Int(v[5] - 0x30), minor: Int(v[7] - 0x30))
        guard version == .http1_1 || version == .http1_0 else {
            throw HTTPParseError(.versionNotSupported, "Only HTTP/1.0 and HTTP/1.1 are supported.")
        }
        return version
    }

    /// `field-name ":" OWS field-value OWS`; no obs-fold, no whitespace before the colon.
    static func parseFieldLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> HTTPHeaders.Field {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
            throw .bad("A header field has no colon.")
        }
        let name = line[line.startIndex..<colon]
        guard !name.isEmpty, name.allSatisfy(ByteSet.isTokenChar) else {
            throw .bad("Invalid header field name (or obs-fold, which is not accepted).")
        }
        var value = line[(colon + 1)...]
        while let first = value.first, first == ByteSet.sp || first == ByteSet.tab { value.removeFirst() }
        while let last = value.last, last == ByteSet.sp || last == ByteSet.tab { value.removeLast() }
        guard value.allSatisfy(ByteSet.isFieldValueChar) else {
            throw .bad("A header field value has invalid characters.")
        }
        return HTTPHeaders.Field(name: String(decoding: name, as: UTF8.self),
                                 value: String(decoding: value, as: UTF8.self))
    }
}
