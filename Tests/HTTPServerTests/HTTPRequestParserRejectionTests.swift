import Testing
@testable import HTTPServer

@Suite struct HTTPRequestParserRejectionTests {
    @Test func refusesBothContentLengthAndTransferEncoding() {
        let error = parseError("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n")
        #expect(error?.code == .ambiguousLength)
        #expect(error?.status == .badRequest)
    }

    @Test func refusesTransferEncodingOnHTTP10() {
        #expect(parseError("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n")?.code == .ambiguousLength)
    }

    @Test func refusesConflictingContentLengths() {
        let error = parseError("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd")
        #expect(error?.code == .invalidContentLength)
        #expect(error?.status.code == 400)
    }

    @Test(arguments: ["-1", "abc", "1.5", "0x10", "", "+5", "5 5", "5,"])
    func refusesInvalidContentLength(_ value: String) {
        let error = parseError("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: \(value)\r\n\r\n")
        #expect(error?.code == .invalidContentLength)
    }

    @Test func refusesUnsupportedTransferCodings() {
        let gzip = parseError("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n")
        #expect(gzip?.code == .unsupportedTransferEncoding)
        #expect(gzip?.status.code == 501)
        let notLast = parseError("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, gzip\r\n\r\n")
        #expect(notLast?.code == .badRequest)
    }

    @Test(arguments: [
        "3\r\nabcXX0\r\n\r\n",      // data not followed by CRLF
        "zz\r\n",                    // no hex digits
        "3\nabc\r\n0\r\n\r\n",       // bare LF after size
        "3 x\r\nabc\r\n0\r\n\r\n",   // junk after size
    ])
    func refusesMalformedChunkedBodies(_ body: String) {
        let error = parseError("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n" + body)
        #expect(error?.code == .invalidChunkedBody)
    }

    @Test func decodesChunkedBodiesWithExtensionsAndTrailers() throws {
        let text = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "4;name=value\r\nWiki\r\n05\r\npedia\r\n0\r\nX-Trailer: t\r\n\r\n"
        #expect(try parseAll(text).first?.body == Array("Wikipedia".utf8))
    }

    @Test func refusesChunkedBodiesOverTheBodyLimit() {
        let limits = HTTPRequestParser.Limits(maxBodyBytes: 8)
        let head = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        #expect(parseError(head + "4\r\nabcd\r\n4\r\nefgh\r\n0\r\n\r\n", limits: limits) == nil)
        #expect(parseError(head + "4\r\nabcd\r\n5\r\n", limits: limits)?.code == .bodyTooLarge)
        #expect(parseError(head + "ffffffffffffffffff\r\n", limits: limits)?.code == .bodyTooLarge)
    }

    @Test(arguments: ["\u{0}\u{1}\u{2}garbage\r\n\r\n", "GET\r\n\r\n", "GET  / HTTP/1.1\r\nHost: h\r\n\r\n",
                      "GET / HTTP/1.1 \r\nHost: h\r\n\r\n", "GET / http/1.1\r\nHost: h\r\n\r\n",
                      "GET /a#frag HTTP/1.1\r\nHost: h\r\n\r\n", "GET a.b:80 HTTP/1.1\r\nHost: h\r\n\r\n",
                      "GET /?q=%zz HTTP/1.1\r\nHost: h\r\n\r\n", "GET * HTTP/1.1\r\nHost: h\r\n\r\n"])
    func refusesMalformedRequestLines(_ text: String) {
        #expect(parseError(text)?.code == .badRequest)
    }

    @Test(arguments: ["G(T", "GE T", "GÉT", "GET@"])
    func refusesInvalidMethodTokenCharacters(_ method: String) {
        #expect(parseError("\(method) / HTTP/1.1\r\nHost: h\r\n\r\n")?.code == .badRequest)
    }

    @Test func refusesUnknownVersionsWith505() {
        let error = parseError("GET / HTTP/2.0\r\nHost: h\r\n\r\n")
        #expect(error?.code == .versionNotSupported)
        #expect(error?.status.code == 505)
        #expect(parseError("GET / HTTP/1.10\r\nHost: h\r\n\r\n")?.code == .badRequest)
    }

    @Test func refusesMissingOrRepeatedHostOnHTTP11() {
        #expect(parseError("GET / HTTP/1.1\r\nAccept: x\r\n\r\n")?.code == .missingHost)
        #expect(parseError("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")?.code == .missingHost)
    }

    @Test(arguments: ["NoColon\r\n", "Name : v\r\n", "Name\t: v\r\n", " folded: v\r\n",
                      "X: a\r\n continued\r\n", ": empty-name\r\n", "X: bad\u{1}value\r\n", "X: a\rb\r\n"])
    func refusesMalformedFieldLines(_ field: String) {
        #expect(parseError("GET / HTTP/1.1\r\nHost: h\r\n\(field)\r\n")?.code == .badRequest)
    }

    @Test(arguments: ["GET / HTTP/1.1\nHost: h\r\n\r\n", "GET / HTTP/1.1\r\nHost: h\n\r\n",
                      "GET / HTTP/1.1\r\nHost: h\r\n\n", "\nGET / HTTP/1.1\r\nHost: h\r\n\r\n"])
    func refusesBareLineFeeds(_ text: String) {
        #expect(parseError(text)?.code == .badRequest)
    }

    @Test func staysFailedAfterAnError() {
        var parser = HTTPRequestParser()
        parser.feed(Array("BAD\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.self) { try parser.nextRequest() }
        #expect(throws: HTTPParseError.self) { try parser.nextRequest() }
    }
}
