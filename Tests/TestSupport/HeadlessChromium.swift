import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A headless Chromium driven over the DevTools protocol through `--remote-debugging-pipe`:
/// commands go to the browser's fd 3 and answers and events come from its fd 4, each a
/// JSON message ended by a NUL byte. No WebSocket, no port, nothing to download.
///
/// Only what the dashboard's browser test needs: open a page, read its DOM, click an
/// element with real mouse events, take a screenshot. Script execution in pages is turned
/// off, so every step also proves the pages work without JavaScript.
public final class HeadlessChromium: @unchecked Sendable {
    /// Why the browser could not be driven.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    private let pid: pid_t
    private let commandFD: Int32
    private let eventFD: Int32
    private var buffer: [UInt8] = []
    private var nextID = 1
    private var pendingEvents: [[String: Any]] = []
    private var sessionID = ""
    private let profile: URL
    /// Seconds to wait for one answer or event.
    public var timeout: Double = 30

    /// The `chromium` executable on `PATH`, or `nil` when none is installed.
    public static var executable: String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(directory)/chromium"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Starts the browser with an empty profile and attaches to its page.
    /// - Parameters:
    ///   - width: viewport width in CSS pixels.
    ///   - height: viewport height in CSS pixels.
    ///   - acceptLanguage: the browser's `Accept-Language` list.
    public init(width: Int = 1280, height: Int = 900, acceptLanguage: String = "sv-SE,sv") throws {
        guard let executable = Self.executable else { throw Failure("chromium is not installed") }
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        var toBrowser: [Int32] = [0, 0], fromBrowser: [Int32] = [0, 0]
        guard pipe(&toBrowser) == 0, pipe(&fromBrowser) == 0 else { throw Failure("pipe failed") }
        // Move every end above 10 (close-on-exec), so dup2 onto 3 and 4 never meets itself.
        let ends = [toBrowser[0], toBrowser[1], fromBrowser[0], fromBrowser[1]].map { fcntl($0, F_DUPFD_CLOEXEC, 10) }
        [toBrowser[0], toBrowser[1], fromBrowser[0], fromBrowser[1]].forEach { _ = close($0) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[0], 3)
        posix_spawn_file_actions_adddup2(&actions, ends[3], 4)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group, so a hung browser and its helpers can be ended together.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        let arguments = [executable, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--remote-debugging-pipe", "--user-data-dir=\(profile.path)", "--no-first-run",
                         "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
                         "--disable-sync", "--hide-scrollbars", "--accept-lang=\(acceptLanguage)", "--lang=\(acceptLanguage.prefix { $0 != "," })", "--window-size=\(width),\(height)", "about:blank"]
        var argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, &argv, environ)
        _ = close(ends[0])
        _ = close(ends[3])
        guard status == 0 else { throw Failure("posix_spawn failed: \(status)") }
        pid = child
        commandFD = ends[1]
        eventFD = ends[2]
        try attach(width: width, height: height)
    }

    deinit {
        _ = try? sendBrowser("Browser.close", [:])
        var status: Int32 = 0
        var exited = false
        for _ in 0..<50 {
            if waitpid(pid, &status, WNOHANG) == pid { exited = true; break }
            usleep(100_000)
        }
        if !exited {
            kill(-pid, SIGKILL)
            _ = waitpid(pid, &status, 0)
        }
        _ = close(commandFD)
        _ = close(eventFD)
        try? FileManager.default.removeItem(at: profile)
    }

    // MARK: - Page actions

    /// Opens `url` and waits until the page (after any redirects) has loaded.
    public func open(_ url: String) throws {
        try waitingForLoad { try send("Page.navigate", ["url": url]) }
    }

    /// The current document's HTML.
    public func html() throws -> String {
        let root = try documentRoot()
        return try send("DOM.getOuterHTML", ["nodeId": root])["outerHTML"] as? String ?? ""
    }

    /// The current page's URL.
    public func url() throws -> String {
        let history = try send("Page.getNavigationHistory", [:])
        guard let index = history["currentIndex"] as? Int, let entries = history["entries"] as? [[String: Any]],
              entries.indices.contains(index) else { throw Failure("no navigation history") }
        return entries[index]["url"] as? String ?? ""
    }

    /// Clicks the first element matching `selector` with real mouse events at its centre.
    /// - Parameter waitForLoad: whether the click navigates (a link or a submit button).
    public func click(_ selector: String, waitForLoad: Bool) throws {
        let root = try documentRoot()
        guard let node = try send("DOM.querySelector", ["nodeId": root, "selector": selector])["nodeId"] as? Int, node != 0 else {
            throw Failure("no element matches \(selector)")
        }
        _ = try send("DOM.scrollIntoViewIfNeeded", ["nodeId": node])
        guard let model = try send("DOM.getBoxModel", ["nodeId": node])["model"] as? [String: Any],
              let quad = (model["content"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.doubleValue }), quad.count == 8 else {
            throw Failure("no box for \(selector)")
        }
        let x = (quad[0] + quad[2] + quad[4] + quad[6]) / 4, y = (quad[1] + quad[3] + quad[5] + quad[7]) / 4
        let press: () throws -> Void = {
            for type in ["mousePressed", "mouseReleased"] {
                _ = try self.send("Input.dispatchMouseEvent", ["type": type, "x": x, "y": y, "button": "left", "clickCount": 1])
            }
        }
        if waitForLoad { try waitingForLoad(press) } else { try press() }
    }

    /// Types `text` into the focused element, key by key.
    public func type(_ text: String) throws {
        _ = try send("Input.insertText", ["text": text])
    }

    /// A PNG of the whole page at the viewport's width.
    public func screenshot() throws -> Data {
        let metrics = try send("Page.getLayoutMetrics", [:])
        let size = (metrics["cssContentSize"] ?? metrics["contentSize"]) as? [String: Any]
        let width = (size?["width"] as? NSNumber)?.doubleValue ?? 1280
        let height = min((size?["height"] as? NSNumber)?.doubleValue ?? 900, 4000)
        let result = try send("Page.captureScreenshot", ["format": "png", "captureBeyondViewport": true,
                                                         "clip": ["x": 0, "y": 0, "width": width, "height": height, "scale": 1]])
        guard let base64 = result["data"] as? String, let data = Data(base64Encoded: base64) else {
            throw Failure("no screenshot data")
        }
        return data
    }

    // MARK: - Protocol

    private func attach(width: Int, height: Int) throws {
        let targets = try sendBrowser("Target.getTargets", [:])["targetInfos"] as? [[String: Any]] ?? []
        guard let page = targets.first(where: { $0["type"] as? String == "page" })?["targetId"] as? String else {
            throw Failure("no page target")
        }
        guard let session = try sendBrowser("Target.attachToTarget", ["targetId": page, "flatten": true])["sessionId"] as? String else {
            throw Failure("attach failed")
        }
        sessionID = session
        _ = try send("Page.enable", [:])
        _ = try send("Emulation.setScriptExecutionDisabled", ["value": true])
        _ = try send("Emulation.setDeviceMetricsOverride", ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": false])
    }

    private func documentRoot() throws -> Int {
        guard let root = (try send("DOM.getDocument", ["depth": 0])["root"] as? [String: Any])?["nodeId"] as? Int else {
            throw Failure("no document")
        }
        return root
    }

    /// Runs `action`, then waits for the page's load event (events that came earlier are dropped).
    private func waitingForLoad(_ action: () throws -> Void) throws {
        pendingEvents.removeAll()
        try action()
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let index = pendingEvents.firstIndex(where: { $0["method"] as? String == "Page.loadEventFired" }) {
                pendingEvents.removeSubrange(...index)
                return
            }
            guard let message = try readMessage(until: deadline) else { break }
            if message["id"] == nil { pendingEvents.append(message) }
        }
        throw Failure("page did not load in time")
    }

    @discardableResult
    private func send(_ method: String, _ params: [String: Any]) throws -> [String: Any] {
        try command(method, params, session: sessionID)
    }

    @discardableResult
    private func sendBrowser(_ method: String, _ params: [String: Any]) throws -> [String: Any] {
        try command(method, params, session: nil)
    }

    private func command(_ method: String, _ params: [String: Any], session: String?) throws -> [String: Any] {
        let id = nextID
        nextID += 1
        var message: [String: Any] = ["id": id, "method": method, "params": params]
        if let session { message["sessionId"] = session }
        var bytes = [UInt8](try JSONSerialization.data(withJSONObject: message))
        bytes.append(0)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(commandFD, $0.baseAddress, $0.count) }
            guard count > 0 else { throw Failure("browser closed its pipe") }
            written += count
        }
        let deadline = Date().addingTimeInterval(timeout)
        while let answer = try readMessage(until: deadline) {
            if answer["id"] as? Int == id {
                if let error = answer["error"] as? [String: Any] { throw Failure("\(method): \(error["message"] ?? error)") }
                return answer["result"] as? [String: Any] ?? [:]
            }
            if answer["id"] == nil { pendingEvents.append(answer) }
        }
        throw Failure("\(method): no answer in time")
    }

    /// The next NUL-terminated message, `nil` at the deadline.
    private func readMessage(until deadline: Date) throws -> [String: Any]? {
        while true {
            if let end = buffer.firstIndex(of: 0) {
                let data = Data(buffer[..<end])
                buffer.removeSubrange(...end)
                return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return nil }
            var descriptor = pollfd(fd: eventFD, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, Int32(min(remaining, 1) * 1000)) >= 0 else { throw Failure("poll failed") }
            guard descriptor.revents != 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { read(eventFD, $0.baseAddress, $0.count) }
            guard count > 0 else { throw Failure("browser closed its pipe") }
            buffer.append(contentsOf: chunk[..<count])
        }
    }
}
