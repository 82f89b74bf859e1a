import Foundation
import Glibc

/// nginx terminating TLS in front of a `forum-server` child, as in
/// `Server/nginx.conf.example`: a single foreground process run as the current user, with
/// its configuration, pid file, logs and temporary files in a directory of its own, on a
/// free loopback port. Killed by `stop()` or when released.
public final class NginxProcess: @unchecked Sendable {
    /// Why nginx could not be started.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The path of `nginx` when it is installed.
    public static let executable: String? = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The port nginx listens on (TLS).
    public let port: UInt16
    /// The proxy's base URL, `https://127.0.0.1:PORT`.
    public var url: String { "https://127.0.0.1:\(port)" }
    private let process: Process
    private let lock = NSLock()
    private var running = true

    /// Starts nginx on a free loopback port and waits until it accepts connections.
    /// - Parameters:
    ///   - directory: an empty directory for nginx's files.
    ///   - upstreamPort: the `forum-server`'s port on 127.0.0.1.
    ///   - certificate: the server certificate (PEM) and its key.
    public init(directory: String, upstreamPort: UInt16, certificate: (certificate: String, key: String)) throws {
        guard let executable = Self.executable else { throw Failure(description: "nginx is not installed") }
        port = try Self.freePort()
        for folder in ["temp/body", "temp/proxy", "temp/fastcgi", "temp/uwsgi", "temp/scgi", "logs"] {
            try FileManager.default.createDirectory(atPath: directory + "/" + folder, withIntermediateDirectories: true)
        }
        let configuration = directory + "/nginx.conf", errorLog = directory + "/logs/error.log"
        try Data(Self.configuration(directory: directory, port: port, upstreamPort: upstreamPort,
                                    certificate: certificate).utf8).write(to: URL(fileURLWithPath: configuration))
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-p", directory + "/", "-c", configuration, "-e", errorLog]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(10)
        while !Self.accepts(port: port) {
            let log = String(decoding: FileManager.default.contents(atPath: errorLog) ?? Data(), as: UTF8.self)
            guard process.isRunning, Date() < deadline else {
                stop()
                throw Failure(description: "nginx did not start: \(log.suffix(600))")
            }
            usleep(50_000)
        }
    }

    deinit { stop() }

    /// Kills nginx and waits for it to exit.
    ///
    /// SIGKILL: a child started by `Process` inherits the signal mask of the thread that
    /// started it, which in a test run blocks SIGTERM, and nginx without a master process
    /// never unblocks it. Nothing of nginx's needs to outlive the test.
    public func stop() {
        guard lock.withLock({ () -> Bool in defer { running = false }; return running }) else { return }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// `Server/nginx.conf.example`'s TLS server, on loopback, with every path in `directory`.
    static func configuration(directory: String, port: UInt16, upstreamPort: UInt16,
                              certificate: (certificate: String, key: String)) -> String {
        """
        daemon off;
        master_process off;
        worker_processes 1;
        pid \(directory)/nginx.pid;
        error_log \(directory)/logs/error.log warn;
        events { worker_connections 64; }
        http {
            client_body_temp_path \(directory)/temp/body;
            proxy_temp_path \(directory)/temp/proxy;
            fastcgi_temp_path \(directory)/temp/fastcgi;
            uwsgi_temp_path \(directory)/temp/uwsgi;
            scgi_temp_path \(directory)/temp/scgi;
            access_log off;
            limit_conn_zone $binary_remote_addr zone=forum_per_address:1m;
            server {
                listen 127.0.0.1:\(port) ssl http2;
                server_name localhost;
                ssl_certificate     \(certificate.certificate);
                ssl_certificate_key \(certificate.key);
                ssl_protocols TLSv1.2 TLSv1.3;
                client_max_body_size 16m;
                limit_conn forum_per_address 64;
                limit_conn_status 429;
                client_body_timeout 30s;
                client_header_timeout 10s;
                location / {
                    proxy_pass http://127.0.0.1:\(upstreamPort);
                    proxy_http_version 1.1;
                    proxy_set_header Host $host;
                    proxy_set_header Connection "";
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header X-Forwarded-Proto $scheme;
                    proxy_read_timeout 60s;
                    proxy_request_buffering on;
                }
            }
        }

        """
    }

    /// A port no one listens on now (bound to port 0 and released; another process could
    /// take it in between, which on a test machine does not happen in practice).
    static func freePort() throws -> UInt16 {
        let listener: LoopbackListener
        do { listener = try LoopbackListener() } catch { throw Failure(description: error.description) }
        defer { listener.stop() }
        return listener.port
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    static func accepts(port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
