import Foundation
import Testing
@testable import HTTPServer

@Suite struct HTTPResponseTests {
    func wire(_ response: HTTPResponse, method: HTTPMethod? = .get, keepAlive: Bool = true) -> String {
        String(decoding: response.serialized(for: method, keepAlive: keepAlive, date: "D"), as: UTF8.self)
    }

    @Test func serializesStatusFramingAndServerHeaders() {
        let text = wire(.text(.ok, "hi"))
        #expect(text == "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 2\r\n"
            + "Connection: keep-alive\r\nDate: D\r\nServer: forum-sync\r\n\r\nhi")
    }

    @Test func omitsTheBodyButKeepsTheLengthForHEAD() {
        let text = wire(.text(.ok, "hello"), method: .head, keepAlive: false)
        #expect(text.hasSuffix("\r\n\r\n"))
        #expect(text.contains("Content-Length: 5\r\n"))
        #expect(text.contains("Connection: close\r\n"))
    }

    @Test func sendsNoLengthOrBodyFor204() {
        let text = wire(HTTPResponse(status: .noContent, body: [1, 2]))
        #expect(!text.contains("Content-Length"))
        #expect(text.hasSuffix("\r\n\r\n"))
    }

    @Test func dropsReservedAndInjectedHeaders() {
        let response = HTTPResponse(status: .ok, headers: [
            "Content-Length": "999", "Connection": "upgrade", "X-Ok": "yes",
            "X-Evil": "a\r\nSet-Cookie: b", "Bad Name": "v",
        ])
        let text = wire(response)
        #expect(text.contains("X-Ok: yes\r\n"))
        #expect(!text.contains("999"))
        #expect(!text.contains("upgrade"))
        #expect(!text.contains("Set-Cookie"))
        #expect(!text.contains("Bad Name"))
    }

    @Test func buildsTheJSONErrorBodyWithEscaping() throws {
        let response = HTTPResponse.error(.badRequest, code: "bad_request", message: "say \"no\"\n")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        let error = try #require(object["error"] as? [String: String])
        #expect(error == ["code": "bad_request", "message": "say \"no\"\n"])
        #expect(response.headers["content-type"] == "application/json")
        #expect(response.logFields["error"] == "bad_request")
        let escaped = HTTPResponse.error(.badRequest, code: "c", message: "\\ \u{1}\t\"")
        #expect(String(decoding: escaped.body, as: UTF8.self) == #"{"error":{"code":"c","message":"\\ \u0001\t\""}}"#)
    }

    @Test func jsonHelperAcceptsData() {
        #expect(HTTPResponse.json(.created, Data("{}".utf8)).body == Array("{}".utf8))
    }

    @Test func formatsIMFFixdate() {
        #expect(HTTPDate.format(secondsSinceEpoch: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
    }
}
