import FieldClient
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SyncProtocol

/// One way of POSTing a body with FoundationNetworking's URLSession, as measured by
/// `forum-bench transport`. Each probe sends one request at a time and waits for it, as the
/// field client does.
final class TransportProbe {
    /// How the body is handed to URLSession; `transport`: through `HTTPSyncTransport.enroll`
    /// (a body of `{"code":"…"}` padded to the size), the field client's own code path over
    /// libcurl, with `freshSession` a new transport (so a new connection) per request;
    /// `encodeOnly`: only what `transport` does before sending (the code string and the
    /// enrolment body), nothing sent, to subtract.
    enum Body: String { case data, upload, file, stream, transport, encodeOnly }

    let name: String
    private let body: Body
    /// Whether this probe measures the field client's transport (or its encoding).
    var isTransport: Bool { body == .transport || body == .encodeOnly }
    private let freshSession: Bool
    private let headers: [String: String]
    private let configuration: URLSessionConfiguration
    private var shared: URLSession?
    private let fileURL: URL
    private let delegate: ProbeDelegate?
    private var transport: HTTPSyncTransport?

    /// - Parameters:
    ///   - freshSession: a new session (so a new connection) for every request, as the
    ///     transport did before; otherwise one session for all.
    ///   - headers: extra request headers (`Expect`, `Connection`).
    init(name: String, body: Body, freshSession: Bool, headers: [String: String] = [:], delegate: Bool = false) {
        self.name = name
        self.delegate = delegate ? ProbeDelegate() : nil
        self.body = body
        self.freshSession = freshSession
        self.headers = headers
        configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 30
        fileURL = FileManager.default.temporaryDirectory.appendingPathComponent("forum-bench-body-\(getpid())-\(name)")
    }

    deinit {
        shared?.finishTasksAndInvalidate()
        try? FileManager.default.removeItem(at: fileURL)
    }

    /// Prepares for bodies of this content (the file variant writes it once, outside the timing).
    func prepare(_ payload: Data) throws {
        if body == .file { try payload.write(to: fileURL) }
    }

    /// POSTs `payload` and waits for the answer.
    /// - Returns: the status code.
    func post(_ payload: Data, to url: URL) throws -> Int {
        if body == .transport { return try enroll(payload, to: url) }
        if body == .encodeOnly {
            let request = EnrollmentRequest(code: String(repeating: "x", count: max(0, payload.count - 11)))
            return request.body.count > 0 ? 200 : 0
        }
        let session: URLSession
        if freshSession {
            session = URLSession(configuration: configuration)
        } else {
            if shared == nil { shared = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil) }
            session = shared!
        }
        defer { if freshSession { session.finishTasksAndInvalidate() } }
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let box = ProbeResult()
        let done = DispatchSemaphore(value: 0)
        let handler: @Sendable (Data?, URLResponse?, (any Error)?) -> Void = { _, response, error in
            box.set((response as? HTTPURLResponse)?.statusCode, error)
            done.signal()
        }
        let task: URLSessionTask
        switch body {
        case .data:
            request.httpBody = payload
            task = session.dataTask(with: request, completionHandler: handler)
        case .upload:
            task = session.uploadTask(with: request, from: payload, completionHandler: handler)
        case .file:
            task = session.uploadTask(with: request, fromFile: fileURL, completionHandler: handler)
        case .stream, .transport, .encodeOnly:
            request.httpBodyStream = InputStream(data: payload)
            task = session.dataTask(with: request, completionHandler: handler)
        }
        task.resume()
        done.wait()
        let (status, error) = box.get()
        if let error { throw error }
        return status ?? 0
    }

    /// Sends the payload's size as an enrolment code: `{"code":"xxx…"}` has 11 bytes around it.
    private func enroll(_ payload: Data, to url: URL) throws -> Int {
        if transport == nil || freshSession {
            let base = URL(string: "/", relativeTo: url)?.absoluteURL.absoluteString ?? ""
            transport = try HTTPSyncTransport(baseURL: base, token: nil, configuration: ClientConfiguration(requestTimeoutSeconds: 30))
        }
        _ = try transport?.enroll(code: String(repeating: "x", count: max(0, payload.count - 11)))
        return 200
    }
}

/// The completion handler's outcome, handed to the waiting thread.
private final class ProbeResult: @unchecked Sendable {
    private let lock = NSLock()
    private var status: Int?
    private var error: (any Error)?
    func set(_ status: Int?, _ error: (any Error)?) { lock.withLock { self.status = status; self.error = error } }
    func get() -> (Int?, (any Error)?) { lock.withLock { (status, error) } }
}

/// A session delegate that only answers `needNewBodyStream` (what the transport's guard
/// against bodiless re-sends needs), to measure what having a delegate costs.
private final class ProbeDelegate: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, needNewBodyStream completionHandler: @escaping (InputStream?) -> Void) {
        completionHandler(nil)
    }
}
