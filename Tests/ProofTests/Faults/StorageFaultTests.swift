import FieldClient
import Foundation
import ForumModel
import Glibc
import SQLite
import SyncCore
import Testing
import TestSupport
@testable import SyncServer

/// The field client's disk fills up or turns read-only: writes fail with a clear storage
/// error, nothing stored before is damaged, and once the disk is back everything syncs.
/// Uses a real tiny tmpfs when the test may mount one; otherwise SQLite's
/// `max_page_count` (disk full) or `query_only` (read-only) play the part, and the test
/// prints which.
@Suite(.serialized) struct StorageFaultTests {
    /// A server on 127.0.0.1 and one enrolled coordinator of Södertälje.
    final class Setup {
        let directory: TemporaryDirectory
        let database: ServerStore
        let server: SyncServer
        let url: String
        let replica: ReplicaID
        let token: String

        init() throws {
            directory = try TemporaryDirectory(prefix: "storage-faults")
            database = try ServerStore(directory: directory.path("server"), policy: ForumPolicy())
            server = SyncServer(database: database, log: { _ in })
            url = "http://127.0.0.1:\(try server.start(host: "127.0.0.1", port: 0))"
            let device = try database.deviceRegistry.addDevice(name: "laptop", role: "coordinator", municipalities: ["Södertälje"])
            let enrolment = try database.deviceRegistry.enroll(code: device.code)
            replica = try #require(ReplicaID(enrolment.device.id))
            token = enrolment.token
        }

        deinit { server.shutdown() }

        func open(_ path: String) throws(ClientError) -> LocalReplica {
            try LocalReplica(path: path, replica: replica, actor: Actor(role: .coordinator, municipalities: ["Södertälje"]))
        }

        func sync(_ local: LocalReplica) throws {
            let configuration = ClientConfiguration(requestTimeoutSeconds: 10, retryAttempts: 2, retryBaseDelaySeconds: 0.01)
            let engine = SyncEngine(replica: local, transport: try HTTPSyncTransport(baseURL: url, token: token, configuration: configuration),
                                    configuration: configuration)
            try engine.sync()
        }

        /// The server holds exactly the device's records, byte for byte.
        func expectConverged(_ local: LocalReplica) throws {
            let held = Set(try local.store.rawChanges(since: 0, limit: 100_000).rows.map(\.json))
            let stored = Set(try database.store.rawChanges(since: 0, limit: 100_000).rows.map(\.json))
            #expect(held == stored)
        }
    }

    static func participant(_ index: Int) -> (id: String, values: [String: JSONValue]) {
        let id = RecordID.derived(collection: Participant.collection, naturalKey: ["storage", "\(index)"])
        let person = Participant(id: id, displayName: "Deltagare \(index) " + String(repeating: "å", count: 150),
                                 association: String(repeating: "RSMH ", count: 36), municipality: "Södertälje")
        return (id, person.fields)
    }

    static func write(_ local: LocalReplica, _ index: Int) throws(ClientError) {
        let person = participant(index)
        try local.write(collection: Participant.collection, id: person.id, values: person.values)
    }

    @Test func fullDiskRefusesWritesClearlyAndKeepsEverythingStoredBefore() throws {
        let setup = try Setup()
        let volume = ScratchVolume(parent: setup.directory.url.path, kilobytes: 256)
        let path = (volume?.path ?? setup.directory.path("client")) + "/replica.sqlite"
        var local: LocalReplica? = try setup.open(path)
        if volume == nil, let connection = local?.store.connection {
            // No mount rights: cap the file at its current size plus a few pages instead.
            let pages = try connection.queryOne("PRAGMA page_count") { try $0.int64(at: 0) } ?? 0
            try connection.execute("PRAGMA max_page_count = \(pages + 8)")
        }
        print("disk full simulated by \(volume == nil ? "PRAGMA max_page_count" : "a 256 KiB tmpfs")")
        var written = 0
        var failure: ClientError?
        while written < 5_000, failure == nil, let replica = local {
            do { try Self.write(replica, written); written += 1 } catch { failure = error }
        }
        let error = try #require(failure)
        #expect(error.code == .storageError)
        print("disk full error: \(error)")
        #expect(error.detailCode == "full")
        #expect(written > 0)
        // Close and reopen: what was stored before the disk filled is intact.
        local = nil
        if let volume { #expect(volume.resize(kilobytes: 16_384)) }
        let reopened = try setup.open(path)
        #expect(try reopened.store.connection.integrityCheck() == ["ok"])
        #expect(try reopened.pendingCount() == written)
        for index in 0..<written {
            #expect(try reopened.state(collection: Participant.collection, id: Self.participant(index).id) != nil)
        }
        if volume == nil { try reopened.store.connection.execute("PRAGMA max_page_count = 1073741823") }
        try Self.write(reopened, written)
        try setup.sync(reopened)
        #expect(try reopened.pendingCount() == 0)
        try setup.expectConverged(reopened)
    }

    @Test func readOnlyReplicaRefusesWritesClearlyAndRecoversWithoutDamage() throws {
        let setup = try Setup()
        let volume = ScratchVolume(parent: setup.directory.url.path, kilobytes: 4_096)
        let path = (volume?.path ?? setup.directory.path("client")) + "/replica.sqlite"
        do {
            let local = try setup.open(path)
            for index in 0..<5 { try Self.write(local, index) }
            try setup.sync(local)
            for index in 5..<8 { try Self.write(local, index) }
        }
        // The replica's directory becomes read-only with three changes pending.
        var readOnlyWrite: ClientError?
        if let volume {
            #expect(volume.setReadOnly(true))
            print("read-only simulated by remounting a tmpfs read-only")
            do {
                let local = try setup.open(path)
                try Self.write(local, 8)
            } catch { readOnlyWrite = error }
        } else {
            print("read-only simulated by PRAGMA query_only (no mount rights)")
            let local = try setup.open(path)
            try local.store.connection.execute("PRAGMA query_only = 1")
            do { try Self.write(local, 8) } catch { readOnlyWrite = error }
        }
        let error = try #require(readOnlyWrite)
        #expect(error.code == .storageError)
        print("read-only error: \(error)")
        #expect(["readonly", "cannot_open", "io"].contains(error.detailCode ?? ""))
        if let volume { #expect(volume.setReadOnly(false)) }
        let local = try setup.open(path)
        #expect(try local.store.connection.integrityCheck() == ["ok"])
        #expect(try local.pendingCount() == 3)
        #expect(try local.state(collection: Participant.collection, id: Self.participant(8).id) == nil)
        try Self.write(local, 8)
        try setup.sync(local)
        #expect(try local.pendingCount() == 0)
        try setup.expectConverged(local)
    }
}
