import Testing
@testable import HTTPServer

@Suite struct HTTPHeadersTests {
    @Test func looksUpNamesCaseInsensitivelyInOrder() {
        var headers: HTTPHeaders = ["Accept": "a", "X-Multi": "1"]
        headers.add("x-multi", "2")
        #expect(headers["ACCEPT"] == "a")
        #expect(headers.values(for: "X-MULTI") == ["1", "2"])
        headers["x-multi"] = "3"
        #expect(headers.values(for: "X-Multi") == ["3"])
        headers["accept"] = nil
        #expect(!headers.contains("Accept"))
    }

    @Test func findsTokensInListHeaders() {
        let headers: HTTPHeaders = ["Connection": "Upgrade, Keep-Alive"]
        #expect(headers.listContains("connection", token: "keep-alive"))
        #expect(!headers.listContains("connection", token: "close"))
    }
}
