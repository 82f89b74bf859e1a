import Testing
@testable import HTTPServer

@Suite struct HTTPRequestParserLimitTests {
    static let limits = HTTPRequestParser.Limits(maxRequestLineBytes: 64, maxHeaderBytes: 128,
                                                  maxHeaderCount: 4, maxBodyBytes: 10)

    /// A GET whose request line (without CRLF) is exactly `length` bytes.
    static func requestLine(length: Int) -> String {
        let fixed = "GET / HTTP/1.1".utf8.count
        return "GET /" + String(repeating: "a", count: length - fixed) + " HTTP/1.1"
    }

    /// Field lines (each with CRLF) totalling exactly `bytes`, starting with Host.
    static func fields(bytes: Int) -> String {
        let host = "Host: h\r\n"
        let fillerLength = bytes - host.utf8.count - "X: \r\n".utf8.count
        return host + "X: " + String(repeating: "v", count: fillerLength) + "\r\n"
    }

    @Test func acceptsRequestLineAtTheLimitAndRefusesOneMore() {
        let atLimit = Self.requestLine(length: 64) + "\r\nHost: h\r\n\r\n"
        #expect(parseError(atLimit, limits: Self.limits) == nil)
        let over = parseError(Self.requestLine(length: 65) + "\r\nHost: h\r\n\r\n", limits: Self.limits)
        #expect(over?.code == .uriTooLong)
        #expect(over?.status.code == 414)
    }

    @Test func refusesAnOverlongRequestLineBeforeItEnds() {
        // No CRLF yet: the parser must not wait for one.
        #expect(parseError(Self.requestLine(length: 64), limits: Self.limits) == nil)
        #expect(parseError(Self.requestLine(length: 65), limits: Self.limits)?.code == .uriTooLong)
    }

    @Test func acceptsHeaderBytesAtTheLimitAndRefusesOneMore() {
        let head = "GET / HTTP/1.1\r\n"
        #expect(parseError(head + Self.fields(bytes: 128) + "\r\n", limits: Self.limits) == nil)
        let over = parseError(head + Self.fields(bytes: 129) + "\r\n", limits: Self.limits)
        #expect(over?.code == .headersTooLarge)
        #expect(over?.status.code == 431)
    }

    @Test func refusesAnOversizedHeaderSectionBeforeItEnds() {
        let head = "GET / HTTP/1.1\r\nHost: h\r\nX: " + String(repeating: "v", count: 200)
        #expect(parseError(head, limits: Self.limits)?.code == .headersTooLarge)
    }

    @Test func acceptsHeaderCountAtTheLimitAndRefusesOneMore() {
        let four = "GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\nC: 3\r\n"
        #expect(parseError(four + "\r\n", limits: Self.limits) == nil)
        let over = parseError(four + "D: 4\r\n\r\n", limits: Self.limits)
        #expect(over?.code == .tooManyHeaders)
        #expect(over?.status.code == 431)
    }

    @Test func acceptsBodyAtTheLimitAndRefusesOneMoreBeforeReadingIt() {
        let atLimit = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n0123456789"
        #expect(parseError(atLimit, limits: Self.limits) == nil)
        // The body itself is absent: the declared length alone is refused.
        let over = parseError("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n", limits: Self.limits)
        #expect(over?.code == .bodyTooLarge)
        #expect(over?.status.code == 413)
        let huge = parseError("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999999\r\n\r\n")
        #expect(huge?.code == .bodyTooLarge)
    }

    @Test func mapsEveryErrorCodeToAClientOrServerErrorStatus() {
        for code in HTTPParseError.Code.allCases {
            let status = HTTPParseError(code, "m").status
            #expect((400...505).contains(status.code), "\(code)")
        }
    }
}
