import ArgumentParsing
import Foundation
import Messages
import SQLite
import Testing
import TestSupport
@testable import ServerCLI
@testable import SyncServer

/// Durable commits (`SyncServerConfiguration.synchronous`): a device is answered after the
/// COMMIT that holds its push, so that COMMIT must be on the disk when it returns, in the
/// server's database and in the acknowledgement ledger alike (Server/README.md, "Durable
/// commits"). `PRAGMA synchronous` belongs to a connection, not to the file, so it is read
/// back from the connections the server itself opened.
@Suite struct DurableCommitTests {
    /// `PRAGMA synchronous` of the server's database and of its ledger: 1 NORMAL, 2 FULL.
    func effectiveSynchronous(_ database: ServerStore) throws -> (database: Int64?, ledger: Int64?) {
        func pragma(_ connection: Connection) throws -> Int64? {
            try connection.queryOne("PRAGMA synchronous") { try $0.int64(at: 0) }
        }
        return (try pragma(database.store.connection), try pragma(database.ledger.connection))
    }

    /// The database `forum-server serve` would open for `options` in a new data directory.
    func databaseOfServe(_ options: [String], in directory: TemporaryDirectory) throws -> ServerStore {
        let l = Localizer(language: .en)
        let arguments = ["serve", "--data", directory.url.path, "--port", "0"] + options
        guard case .run(let command, let parsed) = try ServerCommandTree.root.parse(arguments, l),
              let serve = command as? ServeCommand else {
            Issue.record("forum-server \(arguments.joined(separator: " ")) did not parse as serve")
            throw SyncServerError(.internalError, "not parsed")
        }
        let context = ServerContext(arguments: parsed, localizer: l, terminal: BufferTerminal(), environment: [:])
        return try ServerStore(directory: context.dataDirectory, policy: ServerContext.policy(),
                                  configuration: try serve.configuration(context))
    }

    @Test func serveSyncsEveryCommitOfTheDatabaseAndTheLedgerToDiskByDefault() throws {
        let directory = try TemporaryDirectory(prefix: "durable-default")
        let database = try databaseOfServe([], in: directory)
        #expect(database.configuration.synchronous == .full)
        let effective = try effectiveSynchronous(database)
        #expect(effective.database == 2, "server.sqlite is not opened with synchronous=FULL")
        #expect(effective.ledger == 2, "acknowledged.sqlite is not opened with synchronous=FULL")
    }

    @Test func serveWithSynchronousNormalTradesThePowerLossGuaranteeForSpeedInBothFiles() throws {
        let directory = try TemporaryDirectory(prefix: "durable-normal")
        let database = try databaseOfServe(["--synchronous", "normal"], in: directory)
        let effective = try effectiveSynchronous(database)
        #expect(effective.database == 1)
        #expect(effective.ledger == 1)
    }

    @Test func aSynchronousValueOtherThanFullOrNormalIsAUsageError() {
        let terminal = BufferTerminal()
        let status = ServerCLI.run(arguments: ["serve", "--synchronous", "off", "--data", "/nonexistent/forum-data"],
                                   environment: ["LANG": "C"], terminal: terminal)
        #expect(status == 64)
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent/forum-data"))
    }

    /// A pull page's COMMIT holds only bookkeeping and is committed without a sync of its
    /// own; the pushes after it are synced again, after a page and after a refused pull.
    @Test func aPullCommitsWithoutItsOwnSyncButEveryPushAfterItIsSyncedAgain() throws {
        let fixture = try ServerFixture()
        let device = try fixture.enrol()
        let pushed = try fixture.push([try Records.forum("durable-1", municipality: "Södertälje", by: device.replica)],
                                      token: device.token)
        #expect(pushed.status == 200)
        #expect(try effectiveSynchronous(fixture.database).database == 2)
        let (records, cursor) = try fixture.pull(token: device.token, from: "")
        #expect(records.map(\.id) == ["durable-1"])
        #expect(try effectiveSynchronous(fixture.database).database == 2, "a pull left the connection without its sync")
        let refused = try fixture.request("GET", "/v1/sync/pull?cursor=99999999", headers: ["Authorization": "Bearer \(device.token)"])
        #expect(refused.status == 400)
        #expect(try effectiveSynchronous(fixture.database).database == 2, "a refused pull left the connection without its sync")
        let again = try fixture.push([try Records.forum("durable-2", municipality: "Södertälje", by: device.replica)],
                                     token: device.token)
        #expect(again.status == 200)
        #expect(try fixture.pull(token: device.token, from: cursor).0.map(\.id) == ["durable-2"])
    }

    @Test func theServersAdminCommandsAndTheLibraryDefaultAreDurableToo() throws {
        let directory = try TemporaryDirectory(prefix: "durable-library")
        let database = try ServerStore(directory: directory.url.path, policy: ForumPolicy())
        let effective = try effectiveSynchronous(database)
        #expect(effective.database == 2)
        #expect(effective.ledger == 2)
    }
}
