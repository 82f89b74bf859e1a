import Foundation
import Testing
import TestSupport

/// Real `forum` processes syncing over `https://` through nginx, which terminates TLS in
/// front of a real `forum-server` (as `Server/nginx.conf.example` sets it up), with a
/// municipal-style private CA made by `openssl`. Skipped only where nginx or openssl is
/// missing; CI installs both (`.ci/run`).
@Suite(.serialized, .enabled(if: NginxProcess.executable != nil && TestCertificateAuthority.openssl != nil))
struct TLSProxyTests {
    let directory: TemporaryDirectory
    let server: ServerProcess
    let proxy: NginxProcess
    /// The CA that signed nginx's certificate.
    let authority: TestCertificateAuthority
    /// A CA that signed nothing nginx presents.
    let stranger: TestCertificateAuthority

    init() throws {
        directory = try TemporaryDirectory(prefix: "forum-tls")
        let pki = directory.path("pki"), nginx = directory.path("nginx")
        try FileManager.default.createDirectory(atPath: pki, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: nginx, withIntermediateDirectories: true)
        authority = try TestCertificateAuthority(name: "municipal", in: pki)
        stranger = try TestCertificateAuthority(name: "stranger", in: pki)
        let certificate = try authority.issueServerCertificate(name: "forum-server")
        server = try ServerProcess(data: directory.path("server"), extraArguments: ["--trusted-proxy", "127.0.0.1"])
        proxy = try NginxProcess(directory: nginx, upstreamPort: server.port, certificate: certificate)
    }

    /// Enrols `name` through the proxy, trusting the CA file at `caFile` (copied first to
    /// the device's own path, so a test can later replace what that device trusts).
    func enrol(_ name: String, role: String, trusting caFile: String) throws -> (device: Device, result: ProcessResult) {
        let device = Device(data: directory.path(name))
        let trusted = directory.path("\(name)-ca.pem")
        try FileManager.default.copyItem(atPath: caFile, toPath: trusted)
        let result = try device.run(["enroll", proxy.url, try server.addDevice(role: role), "--ca-file", trusted])
        return (device, result)
    }

    func pending(_ device: Device) throws -> Int? {
        (try device.json(["status"]) as? [String: Any])?["pending"] as? Int
    }

    @Test func devicesEnrolPushPullAndConflictOverHTTPSThroughNginx() throws {
        let (anna, enrolledAnna) = try enrol("anna", role: "facilitator", trusting: authority.certificatePath)
        let (kim, enrolledKim) = try enrol("kim", role: "coordinator", trusting: authority.certificatePath)
        #expect(enrolledAnna.status == 0, "\(enrolledAnna.stderr)")
        #expect(enrolledKim.status == 0, "\(enrolledKim.stderr)")

        try anna.ok(["forum", "add", "--title", "Deltagarforum 3", "--start", "2026-11-24 13:00", "--amount", "500"])
        let forum = try #require(try anna.ids(["forum", "list"]).first)
        try anna.ok(["participant", "add", "Anna Berg", "--consent"])
        let participant = try #require(try anna.ids(["participant", "list"]).first)
        try anna.ok(["attend", forum, participant, "--role", "participant"])
        try anna.sync()                                   // push over https
        try kim.sync()                                    // pull over https
        let honorarium = try #require(try kim.ids(["honorarium", "list"]).first)
        #expect(try kim.export() == anna.export())

        // Both change the amount offline: the second sync reports the conflict, both keep both values.
        try anna.ok(["honorarium", "correct", honorarium, "--amount", "600"])
        try kim.ok(["honorarium", "correct", honorarium, "--amount", "700"])
        try anna.sync()
        let second = try kim.ok(["sync"])
        #expect(second.contains("1 conflicts"), "\(second)")
        try anna.sync()
        for device in [anna, kim] {
            let conflicts = try device.ok(["conflicts"])
            #expect(conflicts.contains("600") && conflicts.contains("700"))
        }
        #expect(try kim.export() == anna.export())
    }

    @Test func aServerCertificateFromAnotherCAFailsClearlyAndLosesNothing() throws {
        // Enrolment trusting the wrong CA: refused before anything is sent, no profile saved.
        let (stranger, refused) = try enrol("stranger", role: "facilitator", trusting: self.stranger.certificatePath)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("the server's certificate could not be verified"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: stranger.data + "/config.json"))

        // An enrolled laptop whose trusted CA no longer matches the server's certificate.
        let (anna, enrolled) = try enrol("anna", role: "facilitator", trusting: authority.certificatePath)
        #expect(enrolled.status == 0, "\(enrolled.stderr)")
        try anna.ok(["participant", "add", "Bo"])
        try anna.ok(["participant", "add", "Cecilia", "--anonymous"])
        #expect(try pending(anna) == 2)
        let trusted = directory.path("anna-ca.pem")
        try FileManager.default.removeItem(atPath: trusted)
        try FileManager.default.copyItem(atPath: self.stranger.certificatePath, toPath: trusted)

        let failed = try anna.run(["sync"], killAfter: 60)
        #expect(failed.status == 2)
        #expect(failed.stderr.contains("the server's certificate could not be verified — your 2 changes are kept on this laptop"),
                "\(failed.stderr)")
        let json = try anna.run(["sync", "--json"], killAfter: 60)
        #expect(json.stdout.contains(#""code":"tls_failed""#), "\(json.stdout)")
        #expect(try pending(anna) == 2)

        // The right CA again: the same changes go out.
        try FileManager.default.removeItem(atPath: trusted)
        try FileManager.default.copyItem(atPath: authority.certificatePath, toPath: trusted)
        try anna.sync()
        #expect(try pending(anna) == 0)
    }

    @Test func theSystemTrustStoreDoesNotTrustAPrivateCA() throws {
        let device = Device(data: directory.path("plain"))
        let result = try device.run(["enroll", proxy.url, try server.addDevice(role: "facilitator")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("the server's certificate could not be verified"), "\(result.stderr)")
    }
}
