import FieldClient
import Foundation
import Testing
import TestSupport

@Suite struct ClientProfileTests {
    let profile = ClientProfile(serverURL: "http://127.0.0.1:9", replica: RecordFixtures.replica("dev-1"),
                                token: String(repeating: "f", count: 64), role: "facilitator",
                                municipalities: ["Södertälje"])

    @Test func savesWithMode0600AndReadsBack() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("profile/config.json")
        try profile.save(to: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let directoryMode = try FileManager.default.attributesOfItem(atPath: directory.path("profile"))[.posixPermissions]
        #expect((directoryMode as? NSNumber)?.intValue == 0o700)
        let loaded = try ClientProfile.load(from: path)
        #expect(loaded.profile == profile)
        #expect(!loaded.repairedPermissions)
    }

    @Test func keepsTheTrustedCAFileAndLeavesItOutWhenThereIsNone() throws {
        let directory = try TemporaryDirectory()
        var withCA = profile
        withCA.caFile = "/etc/forum/kommun-ca.pem"
        try withCA.save(to: directory.path("a.json"))
        #expect(try ClientProfile.load(from: directory.path("a.json")).profile.caFile == "/etc/forum/kommun-ca.pem")
        try profile.save(to: directory.path("b.json"))
        let written = String(decoding: try #require(FileManager.default.contents(atPath: directory.path("b.json"))), as: UTF8.self)
        #expect(!written.contains("caFile"))
        #expect(try ClientProfile.load(from: directory.path("b.json")).profile.caFile == nil)
    }

    @Test func narrowsWiderPermissionsBeforeUse() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("config.json")
        try profile.save(to: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let loaded = try ClientProfile.load(from: path)
        #expect(loaded.repairedPermissions)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
    }

    @Test func missingProfileMeansNotEnrolled() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: ClientError.self) { try ClientProfile.load(from: directory.path("config.json")) }
        do { _ = try ClientProfile.load(from: directory.path("config.json")) } catch {
            #expect(error.code == .notEnrolled)
        }
    }

    @Test func malformedProfileIsAStorageError() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("config.json")
        FileManager.default.createFile(atPath: path, contents: Data("{\"server\":1}".utf8), attributes: [.posixPermissions: 0o600])
        do { _ = try ClientProfile.load(from: path); Issue.record("expected an error") } catch {
            #expect(error.code == .storageError)
        }
    }

    @Test func dataDirectoryWinsOverEnvironmentAndXDG() {
        let environment = ["FORUM_DATA": "/env", "XDG_CONFIG_HOME": "/xc", "XDG_DATA_HOME": "/xd", "HOME": "/h"]
        #expect(ProfileLocation.resolve(dataDirectory: "/flag", environment: environment)
                == ProfileLocation(configPath: "/flag/config.json", replicaPath: "/flag/replica.sqlite"))
        #expect(ProfileLocation.resolve(dataDirectory: nil, environment: environment).configPath == "/env/config.json")
    }

    @Test func followsXDGAndFallsBackToHome() {
        let xdg = ProfileLocation.resolve(dataDirectory: nil, environment: ["XDG_CONFIG_HOME": "/xc", "XDG_DATA_HOME": "/xd", "HOME": "/h"])
        #expect(xdg == ProfileLocation(configPath: "/xc/forum-sync/config.json", replicaPath: "/xd/forum-sync/replica.sqlite"))
        let fallback = ProfileLocation.resolve(dataDirectory: nil, environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/h"])
        #expect(fallback == ProfileLocation(configPath: "/h/.config/forum-sync/config.json",
                                            replicaPath: "/h/.local/share/forum-sync/replica.sqlite"))
    }

    @Test func enrolmentSavesTheGrantAndRefusesASecondOne() throws {
        let directory = try TemporaryDirectory()
        let transport = try FakeTransport(directory: directory)
        let location = ProfileLocation(directory: directory.path("p"))
        let saved = try Enrollment.enroll(serverURL: "http://127.0.0.1:9/", code: "GOOD-CODE-0001", location: location,
                                          transport: transport)
        #expect(saved.serverURL == "http://127.0.0.1:9")
        #expect(try ClientProfile.load(from: location.configPath).profile == saved)
        do {
            _ = try Enrollment.enroll(serverURL: "http://127.0.0.1:9", code: "GOOD-CODE-0001", location: location,
                                      transport: transport)
            Issue.record("expected already_enrolled")
        } catch { #expect(error.code == .alreadyEnrolled) }
    }
}
