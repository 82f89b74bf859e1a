import TestSupport
import Foundation
import Testing
import SyncCore
@testable import SyncServer

@Suite struct ConcurrencyTests {
    @Test func fiftyClientsPushAndPullAtOnceAndEveryAcknowledgedWriteIsStored() throws {
        let fixture = try ServerFixture()
        let devices = try (0..<50).map { _ in try fixture.enrol() }
        let acknowledged = LockedIDs()
        let failures = LockedIDs()
        DispatchQueue.concurrentPerform(iterations: devices.count) { index in
            let device = devices[index]
            do {
                let client = try RawHTTPClient(port: fixture.port)
                for round in 0..<3 {
                    let forum = try Records.forum("f-\(index)-\(round)", municipality: "Södertälje", by: device.replica)
                    let response = try fixture.push([forum], token: device.token, client: client)
                    if response.status == 200, response.json?["results"]?.arrayValue?.first?["status"] == "merged" {
                        acknowledged.insert(forum.id)
                    } else {
                        failures.insert("push \(index) \(response.status)")
                    }
                    let pull = client.request("GET", "/v1/sync/pull?limit=50", headers: ["Authorization": "Bearer \(device.token)"])
                    if pull?.status != 200 { failures.insert("pull \(index)") }
                }
            } catch {
                failures.insert("client \(index): \(error)")
            }
        }
        #expect(failures.values.isEmpty)
        #expect(acknowledged.values.count == 150)
        let stored = Set(try fixture.pullAll(token: devices[0].token).map(\.id))
        #expect(acknowledged.values.isSubset(of: stored))
    }
}

/// A set of strings shared between threads.
final class LockedIDs: @unchecked Sendable {
    private let lock = NSLock()
    private var set = Set<String>()
    func insert(_ id: String) { lock.withLock { _ = set.insert(id) } }
    var values: Set<String> { lock.withLock { set } }
}
