import Testing
@testable import HTTPServer

/// Parses `text` (with `\r\n` written explicitly) and returns every complete request.
func parseAll(_ text: String, limits: HTTPRequestParser.Limits = .init()) throws(HTTPParseError) -> [HTTPRequest] {
    var parser = HTTPRequestParser(limits: limits)
    parser.feed(Array(text.utf8))
    var result: [HTTPRequest] = []
    while let request = try parser.nextRequest() { result.append(request) }
    return result
}

/// The parse error `text` produces, or `nil` if it parses.
func parseError(_ text: String, limits: HTTPRequestParser.Limits = .init()) -> HTTPParseError? {
    do {
        _ = try parseAll(text, limits: limits)
        return nil
    } catch {
        return error
    }
}

@Suite struct HTTPRequestParserTests {
    @Test func parsesSimpleGet() throws {
        let requests = try parseAll("GET /a/b?x=1&y=h%C3%A4j+du HTTP/1.1\r\nHost: example\r\nAccept: */*\r\n\r\n")
        let request = try #require(requests.first)
        #expect(requests.count == 1)
        #expect(request.method == .get)
        #expect(request.target == "/a/b?x=1&y=h%C3%A4j+du")
        #expect(request.path == "/a/b")
        #expect(request.query == ["x": "1", "y": "häj du"])
        #expect(request.version == .http1_1)
        #expect(request.headers["host"] == "example")
        #expect(request.headers["ACCEPT"] == "*/*")
        #expect(request.body.isEmpty)
        #expect(request.keepAlive)
    }

    @Test func parsesPostWithContentLength() throws {
        let request = try #require(try parseAll("POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello").first)
        #expect(request.method == .post)
        #expect(request.body == Array("hello".utf8))
    }

    @Test func returnsPipelinedRequestsInOrder() throws {
        let requests = try parseAll("""
            POST /1 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabcGET /2 HTTP/1.1\r\nHost: h\r\n\r\n
            """)
        #expect(requests.map(\.path) == ["/1", "/2"])
        #expect(requests.first?.body == Array("abc".utf8))
    }

    @Test func parsesTheSameWhenFedByteByByte() throws {
        let text = "POST /x?q=1 HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
            + "PUT /y HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nok"
        var parser = HTTPRequestParser()
        var requests: [HTTPRequest] = []
        for byte in text.utf8 {
            parser.feed([byte])
            while let request = try parser.nextRequest() { requests.append(request) }
        }
        let whole = try parseAll(text)
        #expect(requests.map(\.path) == whole.map(\.path))
        #expect(requests.map(\.body) == whole.map(\.body))
        #expect(requests.map(\.body) == [Array("abc".utf8), Array("ok".utf8)])
        #expect(parser.consumedByteCount == text.utf8.count)
        #expect(parser.progress == .idle)
    }

    @Test func reportsProgressThroughARequest() throws {
        var parser = HTTPRequestParser()
        #expect(parser.progress == .idle)
        parser.feed(Array("POST / HTTP/1.1\r\nHost: h\r\n".utf8))
        #expect(try parser.nextRequest() == nil)
        #expect(parser.progress == .head)
        parser.feed(Array("Content-Length: 4\r\nExpect: 100-continue\r\n\r\nab".utf8))
        #expect(try parser.nextRequest() == nil)
        #expect(parser.progress == .body)
        #expect(parser.expectsContinue)
        parser.feed(Array("cd".utf8))
        #expect(try parser.nextRequest()?.body == Array("abcd".utf8))
        #expect(!parser.expectsContinue)
        #expect(parser.progress == .idle)
    }

    @Test func skipsEmptyLinesBeforeTheRequestLine() throws {
        #expect(try parseAll("\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n").count == 1)
    }

    @Test func acceptsHTTP10WithoutHostAndClosesByDefault() throws {
        let request = try #require(try parseAll("GET / HTTP/1.0\r\n\r\n").first)
        #expect(!request.keepAlive)
        let keepAlive = try #require(try parseAll("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").first)
        #expect(keepAlive.keepAlive)
    }

    @Test func honoursConnectionClose() throws {
        let request = try #require(try parseAll("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n").first)
        #expect(!request.keepAlive)
    }

    @Test func stripsAbsoluteFormToPath() throws {
        let request = try #require(try parseAll("GET http://h:8/x/y?a=b HTTP/1.1\r\nHost: h\r\n\r\n").first)
        #expect(request.path == "/x/y")
        #expect(request.query == ["a": "b"])
    }

    @Test func decodesPathSegmentsWithoutSplittingEncodedSlashes() throws {
        let request = try #require(try parseAll("GET /a/b%2Fc/%C3%A5 HTTP/1.1\r\nHost: h\r\n\r\n").first)
        #expect(request.path == "/a/b%2Fc/%C3%A5")
        #expect(request.pathSegments == ["a", "b/c", "å"])
    }

    @Test func acceptsRepeatedIdenticalContentLength() throws {
        let text = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nContent-Length: 2, 2\r\n\r\nab"
        #expect(try parseAll(text).first?.body == Array("ab".utf8))
    }
}
