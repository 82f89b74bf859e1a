import TestSupport
import Foundation
import Glibc
import Testing
@testable import HTTPServer

@Suite struct HTTPServerTests {
    @Test func servesTwoRequestsOnOneKeepAliveConnection() throws {
        try withServer { _, port in
            let client = try RawHTTPClient(port: port)
            client.send("GET /one HTTP/1.1\r\nHost: t\r\n\r\n")
            let first = try #require(client.readResponse())
            client.send("GET /two?secret=x HTTP/1.1\r\nHost: t\r\n\r\n")
            let second = try #require(client.readResponse())
            #expect(first.text == "path=/one")
            #expect(second.text == "path=/two")
            #expect(first.headers["connection"] == "keep-alive")
            #expect(first.headers["server"] == "forum-sync")
            #expect(first.headers["date"]?.hasSuffix(" GMT") == true)
            #expect(first.headers["content-length"] == "9")
        }
    }

    @Test func answersPipelinedRequestsInOrder() throws {
        try withServer { _, port in
            let client = try RawHTTPClient(port: port)
            client.send("GET /a HTTP/1.1\r\nHost: t\r\n\r\nPOST /b HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\n\r\nxGET /c HTTP/1.1\r\nHost: t\r\n\r\n")
            let texts = (0..<3).compactMap { _ in client.readResponse()?.text }
            #expect(texts == ["path=/a", "path=/b", "path=/c"])
        }
    }

    @Test func closesAfterMaxPipelinedRequests() throws {
        try withServer({ $0.maxPipelinedRequests = 2 }) { _, port in
            let client = try RawHTTPClient(port: port)
            client.send(String(repeating: "GET /p HTTP/1.1\r\nHost: t\r\n\r\n", count: 3))
            let first = try #require(client.readResponse())
            let second = try #require(client.readResponse())
            #expect(first.headers["connection"] == "keep-alive")
            #expect(second.headers["connection"] == "close")
            #expect(client.readResponse() == nil)
        }
    }

    @Test func refusesOversizedHeadersWith431AndCloses() throws {
        try withServer({ $0.maxHeaderBytes = 1024 }) { _, port in
            let client = try RawHTTPClient(port: port)
            client.send("GET / HTTP/1.1\r\nHost: t\r\nX-Big: \(String(repeating: "a", count: 4096))\r\n\r\n")
            let response = try #require(client.readResponse())
            #expect(response.status == 431)
            #expect(response.errorCode == "headers_too_large")
            #expect(response.headers["connection"] == "close")
            #expect(client.isClosedByPeer())
        }
    }

    @Test func refusesDeclaredOversizedBodyBeforeItIsSent() throws {
        try withServer({ $0.maxBodyBytes = 100 }) { _, port in
            let client = try RawHTTPClient(port: port)
            client.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 101\r\n\r\n")
            let response = try #require(client.readResponse())
            #expect(response.status == 413)
            #expect(response.errorCode == "body_too_large")
        }
    }

    @Test func answersGarbageWithJSONError400AndCloses() throws {
        try withServer { _, port in
            let client = try RawHTTPClient(port: port)
            client.send("\u{1}\u{2}garbage\r\n\r\n")
            let response = try #require(client.readResponse())
            #expect(response.status == 400)
            #expect(response.headers["content-type"] == "application/json")
            #expect(response.errorCode == "bad_request")
            #expect(client.isClosedByPeer())
        }
    }

    @Test func cutsOffASlowSenderWith408() throws {
        try withServer({ $0.requestHeadTimeout = 0.5 }) { _, port in
            let client = try RawHTTPClient(port: port)
            // One byte every 200 ms: the head never completes within 0.5 s.
            for byte in "GET / HTTP/1.1\r\n".utf8.prefix(8) {
                guard client.send([byte]) else { break }
                usleep(200_000)
            }
            let response = try #require(client.readResponse())
            #expect(response.status == 408)
            #expect(response.errorCode == "request_timeout")
            #expect(response.headers["connection"] == "close")
            #expect(client.isClosedByPeer())
        }
    }

    @Test func refusesConnectionsBeyondTheLimitWith503AndKeepsServing() throws {
        try withServer({ $0.maxConcurrentConnections = 2 }) { server, port in
            let held = try (0..<2).map { _ in try RawHTTPClient(port: port) }
            for client in held {
                client.send("GET /held HTTP/1.1\r\nHost: t\r\n\r\n")
                #expect(client.readResponse()?.status == 200)
            }
            let extra = try RawHTTPClient(port: port)
            extra.send("GET /extra HTTP/1.1\r\nHost: t\r\n\r\n")
            let refused = try #require(extra.readResponse())
            #expect(refused.status == 503)
            #expect(refused.errorCode == "too_many_connections")
            #expect(refused.headers["connection"] == "close")
            #expect(extra.isClosedByPeer())

            held[0].send("GET /bye HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            #expect(held[0].readResponse()?.status == 200)
            #expect(held[0].isClosedByPeer())
            held[0].finishSending()
            // The server notices the close asynchronously; wait (bounded) for the slot.
            for _ in 0..<300 where server.activeConnectionCount >= 2 { usleep(10_000) }
            let later = try RawHTTPClient(port: port)
            later.send("GET /later HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(later.readResponse()?.text == "path=/later")
        }
    }

    @Test func shutdownLetsAnInFlightRequestFinish() throws {
        let started = DispatchSemaphore(value: 0)
        let server = HTTPServer(configuration: .init()) { request in
            if request.path == "/slow" {
                started.signal()
                usleep(300_000)
            }
            return .text(.ok, "done \(request.path)")
        }
        let port = try server.start()
        let idle = try RawHTTPClient(port: port)
        idle.send("GET /quick HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(idle.readResponse()?.text == "done /quick")
        let slow = try RawHTTPClient(port: port)
        slow.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        started.wait()
        server.shutdown(gracePeriod: 5)
        let response = try #require(slow.readResponse())
        #expect(response.text == "done /slow")
        #expect(response.headers["connection"] == "close")
        #expect(idle.isClosedByPeer())
        #expect(server.activeConnectionCount == 0)
        #expect(throws: RawHTTPClientError.self) { try RawHTTPClient(port: port) }
    }

    @Test func omitsTheBodyForHEAD() throws {
        try withServer { _, port in
            let client = try RawHTTPClient(port: port)
            client.send("HEAD /h HTTP/1.1\r\nHost: t\r\n\r\nGET /g HTTP/1.1\r\nHost: t\r\n\r\n")
            let head = try #require(client.readResponse(forHead: true))
            #expect(head.headers["content-length"] == "7")
            #expect(head.body.isEmpty)
            #expect(client.readResponse()?.text == "path=/g")
        }
    }

    @Test func sendsContinueForExpect100() throws {
        try withServer(handler: { .text(.ok, String(decoding: $0.body, as: UTF8.self)) }) { _, port in
            let client = try RawHTTPClient(port: port)
            client.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
            #expect(client.readResponse(forHead: true)?.status == 100)
            client.send("ping")
            #expect(client.readResponse()?.text == "ping")
        }
    }

    @Test func closesHTTP10ConnectionsAfterTheResponse() throws {
        try withServer { _, port in
            let client = try RawHTTPClient(port: port)
            client.send("GET /old HTTP/1.0\r\n\r\n")
            #expect(client.readResponse()?.headers["connection"] == "close")
            #expect(client.isClosedByPeer())
        }
    }

    @Test func reportsAccessLogEntriesWithoutQueryAndWithHandlerFields() throws {
        let entries = LogCollector()
        let server = HTTPServer(configuration: .init()) { _ in
            var response = HTTPResponse.text(.created, "ok")
            response.logFields["device"] = "dev-1"
            return response
        }
        server.onRequestCompleted = { entries.append($0) }
        let port = try server.start()
        let client = try RawHTTPClient(port: port)
        client.send("POST /items?token=secret HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc")
        _ = client.readResponse()
        server.shutdown(gracePeriod: 1)
        let entry = try #require(entries.all.first)
        #expect(entry.method == .post)
        #expect(entry.path == "/items")
        #expect(entry.status == .created)
        #expect(entry.logFields == ["device": "dev-1"])
        #expect(entry.bytesIn == "POST /items?token=secret HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc".utf8.count)
        #expect(entry.bytesOut > 2)
        #expect(entry.remoteAddress.hasPrefix("127.0.0.1:"))
        #expect(entry.completed)
    }

    @Test func servesOverIPv6Loopback() throws {
        let server = HTTPServer(configuration: .init()) { .text(.ok, $0.remoteAddress) }
        guard let port = try? server.start(host: "::1") else { return } // No IPv6 on this host.
        defer { server.shutdown(gracePeriod: 1) }
        let client = try RawHTTPClient(port: port, host: "::1")
        client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(client.readResponse()?.text.hasPrefix("[::1]:") == true)
    }

    @Test func refusesNonLiteralHosts() {
        let server = HTTPServer(configuration: .init()) { _ in .text(.ok, "") }
        #expect(throws: HTTPServerError.self) { try server.start(host: "example.com") }
    }

    @Test func curlReusesTheKeepAliveConnection() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/curl") else { return }
        try withServer { _, port in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            process.arguments = ["-sv", "--max-time", "5", "http://127.0.0.1:\(port)/first",
                                 "http://127.0.0.1:\(port)/second"]
            let stdout = Pipe(), stderr = Pipe()
            process.standardOutput = stdout
            process.standardError = stderr
            try process.run()
            let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let log = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            #expect(output == "path=/firstpath=/second")
            #expect(log.contains("Re-using existing connection") || log.contains("Reusing existing connection"))
        }
    }
}

/// Thread-safe collection of access-log entries.
final class LogCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [HTTPAccessLogEntry] = []
    func append(_ entry: HTTPAccessLogEntry) {
        lock.lock()
        entries.append(entry)
        lock.unlock()
    }
    var all: [HTTPAccessLogEntry] {
        lock.lock()
        defer { lock.unlock() }
        return entries
    }
}
