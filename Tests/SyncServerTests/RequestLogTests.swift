import TestSupport
import Foundation
import Testing
import HTTPServer
import SyncCore
@testable import SyncServer

@Suite struct RequestLogTests {
    @Test func logsNeitherRecordValuesNorTokensNorQueries() throws {
        let fixture = try ServerFixture(overSockets: true)
        let device = try fixture.enrol(name: "Enhetsnamn-Qwerty")
        let marker = "MARKÖR-Zebulon-4711"
        let records = try Records.meeting(name: marker, by: device.replica)
        #expect(try fixture.push(records, token: device.token).status == 200)
        let pulled = try fixture.pullAll(token: device.token)
        #expect(pulled.contains { $0["displayName"] == .string(marker) })
        _ = try RawHTTPClient(port: fixture.port).request("GET", "/v1/sync/pull?cursor=abc-MARK%C3%96R-Zebulon-4711",
                                                       headers: ["Authorization": "Bearer \(device.token)"])
        _ = try RawHTTPClient(port: fixture.port).request("GET", "/Zebulon-4711")
        fixture.server.shutdown()

        let log = fixture.log.text
        #expect(!log.isEmpty)
        #expect(!log.contains("Zebulon"))
        #expect(!log.contains(device.token))
        #expect(!log.contains("Qwerty"))
        #expect(!log.contains("cursor="))
        #expect(!log.contains("abc-"))
        for line in fixture.log.lines {
            let json = try JSONParser().parse(line)
            #expect(json["time"]?.stringValue?.hasSuffix("Z") == true)
            #expect(json["status"]?.integerValue != nil)
            #expect(json["duration_ms"]?.integerValue != nil)
            #expect(json["route"]?.stringValue != nil)
        }
        #expect(fixture.log.lines.count == 5) // enrol, push, pull, bad cursor, unknown route
        let push = try #require(fixture.log.lines.map { try JSONParser().parse($0) }.first { $0["route"] == "/v1/sync/push" })
        #expect(push["device"]?.stringValue == device.replica.rawValue)
        #expect(push["records"] == 3)
        #expect(fixture.log.lines.contains { $0.contains(#""error":"invalid_cursor""#) })
    }

    @Test func formatsTimesAsISO8601InUTC() {
        #expect(RequestLog.iso8601(Date(timeIntervalSince1970: 1_764_000_000.123)) == "2025-11-24T16:00:00.123Z")
        #expect(RequestLog.iso8601(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(RequestLog.iso8601(Date(timeIntervalSince1970: -1.5)) == "1969-12-31T23:59:58.500Z")
        #expect(RequestLog.iso8601(Date(timeIntervalSince1970: 4_107_542_400)) == "2100-03-01T00:00:00.000Z")
    }
}
