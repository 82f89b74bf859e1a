import Foundation
import SyncCore
import SyncProtocol
import Testing
import TestSupport
@testable import SyncServer

/// Exports made offline reach the server's audit trail (PROTOCOL.md §13a, issue 17),
/// through real HTTP: the device is the actor, each event is recorded once however often
/// it is resent, and a report that could carry more than ids and periods is refused.
@Suite struct DeviceAuditTests {
    func report(_ fixture: ServerFixture, token: String?, _ body: [UInt8]) throws -> RawHTTPResponse {
        try requireValue(RawHTTPClient(port: fixture.port).request(
            "POST", "/v1/audit", headers: token.map { ["Authorization": "Bearer \($0)"] } ?? [:], body: body))
    }

    func event(_ id: String, _ action: DeviceAuditAction = .paymentListExport, subject: String = "Södertälje 2026-11-01..2026-11-30",
               at: Int64 = 1_764_000_000_000) -> DeviceAuditEvent {
        DeviceAuditEvent(id: id, action: action, atMillis: at, subject: subject)
    }

    @Test func aReportedExportIsRecordedOnceWithTheDeviceAsActor() throws {
        let fixture = try ServerFixture()
        let coordinator = try fixture.enrol(role: "coordinator")
        let body = AuditReport(events: [event("e1"), event("e2", .replicaExport, subject: "all")]).body
        let first = try report(fixture, token: coordinator.token, body)
        #expect(first.status == 200)
        #expect(try AuditReceipt(body: first.body).recorded == 2)
        // The answer was lost and the report sent again: nothing doubles.
        let again = try report(fixture, token: coordinator.token, body)
        #expect(try AuditReceipt(body: again.body).recorded == 0)
        let trail = try fixture.database.recordsOffice.auditTrail().filter { $0.actor == coordinator.replica.rawValue }
        #expect(trail.map(\.action) == ["payment_list_export", "replica_export"])
        #expect(trail.first?.subject == "Södertälje 2026-11-01..2026-11-30" && trail.first?.atMillis == 1_764_000_000_000)
    }

    @Test func aHundredEventsGoInOneReportAndAHundredAndOneAreRefused() throws {
        let fixture = try ServerFixture()
        let device = try fixture.enrol(role: "coordinator")
        let hundred = (0..<100).map { event("a\($0)") }
        #expect(try report(fixture, token: device.token, AuditReport(events: hundred).body).status == 200)
        let tooMany = (0..<101).map { event("b\($0)") }
        let refused = try report(fixture, token: device.token, AuditReport(events: tooMany).body)
        #expect(refused.status == 400 && refused.errorCode == "invalid_request")
        #expect(try fixture.database.recordsOffice.auditTrail().filter { $0.actor == device.replica.rawValue }.count == 100)
    }

    @Test func aReportThatCouldCarryPersonalDataOrComesWithoutATokenIsRefused() throws {
        let fixture = try ServerFixture()
        let device = try fixture.enrol(role: "coordinator")
        for body in [
            Array(#"{"events":[{"id":"e1","action":"payment_list_export","at":1,"subject":"Anna Andersson, 19800101-1234"}]}"#.utf8),
            Array(#"{"events":[{"id":"e1","action":"read_minds","at":1,"subject":"all"}]}"#.utf8),
            Array(#"{"events":[{"id":"e1","action":"replica_export","at":1,"subject":"all","name":"Anna"}]}"#.utf8),
            Array(#"{"events":[]}"#.utf8),
        ] {
            let answer = try report(fixture, token: device.token, body)
            #expect(answer.status == 400 && answer.errorCode == "invalid_request", "\(String(decoding: body, as: UTF8.self))")
        }
        let anonymous = try report(fixture, token: nil, AuditReport(events: [event("e1")]).body)
        #expect(anonymous.status == 401)
        #expect(try fixture.database.recordsOffice.auditTrail().allSatisfy { $0.actor != device.replica.rawValue })
    }

    @Test func aTimeFromTheFutureIsHeldToTheServersClock() throws {
        let fixture = try ServerFixture()
        let device = try fixture.enrol(role: "coordinator")
        let far = fixture.clock.now + 365 * 86_400_000
        #expect(try report(fixture, token: device.token, AuditReport(events: [event("e1", at: far)]).body).status == 200)
        let recorded = try #require(try fixture.database.recordsOffice.auditTrail().last)
        #expect(recorded.atMillis <= fixture.clock.now + 86_400_000)
    }
}
