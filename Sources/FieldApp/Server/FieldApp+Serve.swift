import Foundation
import HTTPServer
#if canImport(Glibc)
import Glibc
#endif

extension FieldApp {
    /// Serves the app on 127.0.0.1 until SIGINT or SIGTERM: binds `port` (0: a free one),
    /// calls `ready` with the first URL (which holds the launch key), opens it in a browser
    /// unless `openBrowser` is `false`, and returns when stopped.
    ///
    /// - Throws: `HTTPServerError` when the port cannot be bound.
    public func serve(port: UInt16, openBrowser: Bool, ready: (String) -> Void) throws(HTTPServerError) {
        var serverConfiguration = HTTPServer.Configuration()
        // One person's browser: a handful of connections, one request at a time.
        serverConfiguration.maxConcurrentConnections = 32
        serverConfiguration.workerThreadCount = 4
        serverConfiguration.maxBodyBytes = configuration.maxFormBytes
        // A sync answers within the client's own deadlines; the page waits for it.
        serverConfiguration.writeTimeout = 120
        let server = HTTPServer(configuration: serverConfiguration) { [self] request in handle(request) }
        let bound = try server.start(host: "127.0.0.1", port: port)
        if let check = ServerReachability(url: profile.serverURL) {
            lock.withLock { reachability = check }
            check.start(interval: configuration.reachabilityInterval, timeout: configuration.reachabilityTimeout)
        }
        let url = "http://127.0.0.1:\(bound)/?key=\(key)"
        ready(url)
        if openBrowser { Self.openInBrowser(url) }
        _ = HTTPServer.waitForTerminationSignal()
        server.shutdown(gracePeriod: 2)
    }

    /// Opens `url` with `xdg-open` when there is one and a display to show it on; does
    /// nothing otherwise (the address is printed either way).
    static func openInBrowser(_ url: String) {
        let environment = ProcessInfo.processInfo.environment
        guard environment["DISPLAY"] != nil || environment["WAYLAND_DISPLAY"] != nil else { return }
        for directory in (environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(directory)/xdg-open"
            guard FileManager.default.isExecutableFile(atPath: path) else { continue }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = [url]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try? process.run()
            return
        }
    }
}
