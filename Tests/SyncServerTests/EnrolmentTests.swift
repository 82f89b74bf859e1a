import TestSupport
import Foundation
import Testing
import Digest
import SQLite
@testable import SyncServer

@Suite struct EnrolmentTests {
    private func enroll(_ fixture: ServerFixture, code: String) throws -> RawHTTPResponse {
        try requireValue(RawHTTPClient(port: fixture.port).request("POST", "/v1/enroll", body: Array(#"{"code":"\#(code)"}"#.utf8)))
    }

    @Test func aCodeWorksOnceOnly() throws {
        let fixture = try ServerFixture()
        let added = try fixture.database.deviceRegistry.addDevice(name: "Surfplatta", role: "coordinator", municipalities: ["Södertälje"])
        let first = try enroll(fixture, code: added.code)
        #expect(first.status == 200)
        #expect(first.json?["replica"]?.stringValue == added.device.id)
        #expect(first.json?["role"] == "coordinator")
        #expect(first.json?["municipalities"] == .array(["Södertälje"]))
        #expect(first.json?["serverReplica"] == "server")
        #expect(first.json?["token"]?.stringValue?.count == 64)
        let second = try enroll(fixture, code: added.code)
        #expect(second.status == 401)
        #expect(second.errorCode == "invalid_enrollment_code")
    }

    @Test func codesAreReadableWithoutDashesAndInLowerCase() throws {
        let fixture = try ServerFixture()
        let added = try fixture.database.deviceRegistry.addDevice(name: "Dator", role: "facilitator", municipalities: ["Södertälje"])
        #expect(added.code.count == 14)
        #expect(added.code.allSatisfy { "ABCDEFGHJKLMNPQRSTUVWXYZ23456789-".contains($0) })
        #expect(try enroll(fixture, code: added.code.lowercased().replacingOccurrences(of: "-", with: "")).status == 200)
    }

    @Test func anExpiredCodeIsRefusedLikeAnUnknownOne() throws {
        let fixture = try ServerFixture()
        let added = try fixture.database.deviceRegistry.addDevice(name: "Dator", role: "facilitator", municipalities: ["Södertälje"])
        fixture.clock.advance(by: 7 * 24 * 3600 * 1000 + 1)
        let response = try enroll(fixture, code: added.code)
        #expect(response.status == 401)
        #expect(response.errorCode == "invalid_enrollment_code")
    }

    @Test func aRevokedDeviceCannotEnrolWithItsCode() throws {
        let fixture = try ServerFixture()
        let added = try fixture.database.deviceRegistry.addDevice(name: "Dator", role: "facilitator", municipalities: ["Södertälje"])
        try fixture.database.deviceRegistry.revokeDevice(id: added.device.id)
        #expect(try enroll(fixture, code: added.code).status == 401)
    }

    @Test func theDatabaseHoldsOnlyTheTokensHash() throws {
        let fixture = try ServerFixture()
        let device = try fixture.enrol()
        let path = fixture.directory.path(ServerStore.fileName)
        let connection = try Connection(path: path)
        let stored = try connection.queryOne("SELECT token_hash FROM device WHERE id = ?", [.text(device.replica.rawValue)]) {
            try $0.text(at: 0)
        }
        #expect(stored == SHA256.hex(device.token))
        try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        for file in [path, path + "-wal"] {
            let bytes = (try? Data(contentsOf: URL(fileURLWithPath: file))) ?? Data()
            #expect(bytes.range(of: Data(device.token.utf8)) == nil)
        }
    }

    @Test func aRevokedTokenStopsWorkingAtOnce() throws {
        let fixture = try ServerFixture()
        let device = try fixture.enrol()
        #expect(try fixture.pullAll(token: device.token).isEmpty)
        try fixture.database.deviceRegistry.revokeDevice(id: device.replica.rawValue)
        let response = try RawHTTPClient(port: fixture.port).request("GET", "/v1/sync/pull",
                                                                  headers: ["Authorization": "Bearer \(device.token)"])
        #expect(response?.errorCode == "device_revoked")
        #expect(try fixture.database.deviceRegistry.devices().first?.revokedAt != nil)
    }
}
