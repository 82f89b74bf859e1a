import Foundation

/// A throwaway certificate authority made with `openssl` in a directory of its own, and
/// the server certificates it signs, for tests of TLS through a real proxy.
public struct TestCertificateAuthority {
    /// Why `openssl` failed.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The path of `openssl` when it is installed.
    public static let openssl: String? = ["/usr/bin/openssl", "/usr/local/bin/openssl"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The CA's certificate (PEM): what a client is told to trust.
    public let certificatePath: String
    /// The CA's private key (PEM).
    public let keyPath: String
    private let directory: String

    /// Makes a self-signed CA named `name` in `directory` (files `NAME-ca.pem`, `NAME-ca.key`).
    public init(name: String, in directory: String) throws {
        self.directory = directory
        certificatePath = directory + "/\(name)-ca.pem"
        keyPath = directory + "/\(name)-ca.key"
        try Self.run(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                      "-keyout", keyPath, "-out", certificatePath, "-days", "2", "-subj", "/CN=forum-sync test CA \(name)",
                      "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
    }

    /// Issues a server certificate for 127.0.0.1 and localhost.
    /// - Returns: the paths of the certificate and its private key (PEM).
    public func issueServerCertificate(name: String) throws -> (certificate: String, key: String) {
        let key = directory + "/\(name).key", request = directory + "/\(name).csr"
        let certificate = directory + "/\(name).pem", extensions = directory + "/\(name).ext"
        try Self.run(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                      "-keyout", key, "-out", request, "-subj", "/CN=localhost"])
        try Data("""
            subjectAltName = IP:127.0.0.1, DNS:localhost
            basicConstraints = CA:FALSE
            keyUsage = critical, digitalSignature
            extendedKeyUsage = serverAuth

            """.utf8).write(to: URL(fileURLWithPath: extensions))
        try Self.run(["x509", "-req", "-in", request, "-CA", certificatePath, "-CAkey", keyPath, "-CAcreateserial",
                      "-out", certificate, "-days", "2", "-extfile", extensions])
        return (certificate, key)
    }

    private static func run(_ arguments: [String]) throws {
        guard let openssl else { throw Failure(description: "openssl is not installed") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: openssl)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "openssl \(arguments.first ?? "") exited \(process.terminationStatus)")
        }
    }
}
