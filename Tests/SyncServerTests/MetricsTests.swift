import TestSupport
import Foundation
import Testing
@testable import SyncServer

@Suite struct MetricsTests {
    private static let token = "metrics-token-for-tests"
    private static let authorization = ["Authorization": "Bearer \(token)"]

    @Test func exposesCountersAndGaugesByDeviceIdNeverByName() throws {
        let fixture = try ServerFixture { $0.metricsBearerToken = Self.token }
        let device = try fixture.enrol(name: "Namn-Som-Inte-Syns")
        let revoked = try fixture.enrol()
        try fixture.database.deviceRegistry.revokeDevice(id: revoked.replica.rawValue)
        #expect(try fixture.push(Records.meeting(by: device.replica), token: device.token).status == 200)
        #expect(try fixture.pullAll(token: device.token).count == 3)
        let metrics = try #require(try RawHTTPClient(port: fixture.port).request("GET", "/metrics", headers: Self.authorization))
        #expect(metrics.status == 200)
        #expect(metrics.headers["content-type"]?.hasPrefix("text/plain") == true)
        let text = metrics.text
        #expect(text.contains(#"forum_http_requests_total{route="/v1/sync/push",status="200"} 1"#))
        #expect(text.contains("forum_records_pushed_total 3"))
        #expect(text.contains("forum_records_pulled_total 3"))
        #expect(text.contains("forum_open_conflicts 0"))
        #expect(text.contains(#"forum_devices{state="active"} 1"#))
        #expect(text.contains(#"forum_devices{state="revoked"} 1"#))
        #expect(text.contains(#"forum_device_seconds_since_sync{device="\#(device.replica.rawValue)"}"#))
        #expect(!text.contains("Namn-Som"))
    }

    @Test func sumsTheTimeSpentAnsweringEachRoute() throws {
        let fixture = try ServerFixture { $0.metricsBearerToken = Self.token }
        let device = try fixture.enrol()
        for batch in ["b1", "b2"] {
            #expect(try fixture.push(Records.meeting(by: device.replica), token: device.token, batch: batch).status == 200)
        }
        let text = try #require(try RawHTTPClient(port: fixture.port).request("GET", "/metrics", headers: Self.authorization)).text
        #expect(text.contains("# TYPE forum_request_duration_seconds summary"))
        #expect(text.contains(#"forum_request_duration_seconds_count{route="/v1/sync/push"} 2"#))
        let sum = text.split(separator: "\n").first { $0.hasPrefix(#"forum_request_duration_seconds_sum{route="/v1/sync/push"} "#) }
        let seconds = try #require(sum?.split(separator: " ").last.flatMap { Double($0) })
        #expect(seconds > 0 && seconds < 60)
    }

    @Test func countsDailyActivity() throws {
        let fixture = try ServerFixture()
        let device = try fixture.enrol()
        _ = try fixture.push(Records.meeting(by: device.replica), token: device.token)
        _ = try fixture.pullAll(token: device.token)
        let row = try fixture.database.locked {
            try fixture.database.store.connection.queryOne("SELECT pushes, pulls FROM sync_day") {
                (try $0.int64(at: 0), try $0.int64(at: 1))
            }
        }
        #expect(row?.0 == 1)
        #expect(row?.1 == 1)
    }

    @Test func healthAnswersOK() throws {
        let fixture = try ServerFixture()
        let response = try #require(try RawHTTPClient(port: fixture.port).request("GET", "/healthz"))
        #expect(response.text == #"{"status":"ok"}"#)
    }
}
