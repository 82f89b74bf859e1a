import FieldClient
import Foundation
import TestSupport
import Testing

/// One `forum` profile (a laptop), driven through the real executable.
struct Device {
    let data: String

    /// Enrols a new profile in `directory/name` with a code from `server`.
    static func enrol(_ name: String, role: String, in directory: String, server: ServerProcess) throws -> Device {
        let device = Device(data: directory + "/" + name)
        let result = try device.run(["enroll", server.url, try server.addDevice(role: role)])
        guard result.status == 0 else { throw HarnessError("enrol failed: \(result.stderr)") }
        return device
    }

    /// Runs `forum --data DATA <arguments>`; see `Processes.run` for `killAfter`.
    func run(_ arguments: [String], environment: [String: String] = [:], killAfter: Double? = nil) throws -> ProcessResult {
        try Processes.run("forum", ["--data", data] + arguments, extraEnvironment: environment, killAfter: killAfter)
    }

    /// Runs a command that must succeed; returns standard output.
    @discardableResult
    func ok(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try run(arguments)
        #expect(result.status == 0, "forum \(arguments.first ?? "") failed: \(result.stderr)", sourceLocation: sourceLocation)
        return result.stdout
    }

    /// `forum sync` that must succeed.
    func sync(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try ok(["sync"], sourceLocation: sourceLocation)
    }

    /// The canonical export of the whole replica.
    func export() throws -> [UInt8] {
        let result = try run(["export", "replica", "--json"])
        guard result.status == 0 else { throw HarnessError("export failed: \(result.stderr)") }
        return result.stdoutBytes
    }

    /// A JSON answer parsed with Foundation (test convenience).
    func json(_ arguments: [String]) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(try ok(arguments + ["--json"]).utf8))
    }

    /// Ids of records listed by a `--json` list command.
    func ids(_ arguments: [String]) throws -> [String] {
        ((try json(arguments)) as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    /// Opens this profile's replica in-process (to play a client that skips its own checks).
    func openReplica() throws -> LocalReplica {
        let profile = try ClientProfile.load(from: data + "/config.json").profile
        return try LocalReplica(path: data + "/replica.sqlite", profile: profile)
    }
}
