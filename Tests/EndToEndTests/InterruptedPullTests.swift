import FieldClient
import ForumModel
import Foundation
import SyncCore
import Testing
import TestSupport

/// A pull of 20,000 records killed with SIGKILL half way resumes without gaps or duplicates.
@Suite(.serialized) struct InterruptedPullTests {
    static let records = 20_000

    @Test func aKilledPullResumesAndEndsWithExactlyTheServersRecords() throws {
        let directory = try TemporaryDirectory(prefix: "forum-e2e-kill")
        let server = try ServerProcess(data: directory.path("server"))
        let seeder = try Device.enrol("seeder", role: "facilitator", in: directory.url.path, server: server)
        let puller = try Device.enrol("puller", role: "coordinator", in: directory.url.path, server: server)

        // Seed quickly: write the records in-process in one transaction, push with the real CLI.
        do {
            let replica = try seeder.openReplica()
            try replica.transaction { () throws(ClientError) in
                for index in 0..<Self.records {
                    let participant = Participant(id: String(format: "p%06d", index), displayName: "Deltagare \(index)",
                                                  municipality: "Södertälje")
                    try replica.write(collection: Participant.collection, id: participant.id, values: participant.fields)
                }
            }
        }
        try seeder.sync()

        // Pull in small pages and kill the process once it is well into the feed.
        let process = Process()
        process.executableURL = BuiltProducts.executable("forum")
        process.arguments = ["--data", puller.data, "sync"]
        process.environment = Processes.environment.merging(["FORUM_PULL_PAGE_SIZE": "100"]) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        var seen = ""
        var killedAt = 0
        while process.isRunning {
            let data = pipe.fileHandleForReading.availableData
            if data.isEmpty { break }
            seen += String(decoding: data, as: UTF8.self)
            let received = seen.split(separator: "\n").compactMap { line in
                line.hasPrefix("received ") ? Int(line.dropFirst("received ".count)) : nil
            }.last ?? 0
            if received >= Self.records / 2 {
                kill(process.processIdentifier, SIGKILL)
                killedAt = received
                break
            }
        }
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(killedAt >= Self.records / 2 && killedAt < Self.records)

        let resumed = try puller.run(["sync"], environment: ["FORUM_PULL_PAGE_SIZE": "1000"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        // Only the rest came: the first half was stored with its cursor.
        let receivedAgain = resumed.stdout.split(separator: "\n").compactMap { line in
            line.hasPrefix("received ") ? Int(line.dropFirst("received ".count)) : nil
        }.last ?? 0
        #expect(receivedAgain <= Self.records - killedAt + 100)
        let export = try puller.export()
        #expect(export == (try seeder.export()))
        let lines = export.split(separator: UInt8(ascii: "\n")).count
        #expect(lines == Self.records + 2)
    }
}
