import CCurl
import Foundation

/// One server's HTTP(S) requests through libcurl's easy interface, one at a time, over one
/// reused handle: the handle keeps the connection open between requests (keep-alive).
///
/// Bodies go from memory (`CURLOPT_POSTFIELDS`), so when a reused connection turns out dead
/// after a request went out, libcurl sends it again on a new connection with its body; the
/// server may then see a request twice, as after any lost answer (a push's batch id makes
/// that safe). libcurl waits in `poll` for exactly the sockets and directions it needs, so
/// a client waiting for an answer uses no CPU, whatever the body size or connection.
///
/// TLS peers are always verified (certificate chain and host name), against the system's
/// trust store or `Settings.caFile`. Proxies come from the environment (`https_proxy`,
/// `http_proxy`, `all_proxy`, `no_proxy`), read by libcurl itself.
final class CurlHTTPClient: @unchecked Sendable {
    /// How the client connects; fixed for its lifetime.
    struct Settings: Equatable {
        /// Seconds to set up a connection, TLS handshake included (`CURLOPT_CONNECTTIMEOUT_MS`).
        var connectTimeoutSeconds: Double
        /// Seconds a request may go without receiving a byte (`CURLOPT_LOW_SPEED_TIME` at
        /// 1 byte/s, so whole seconds, at least 1).
        var idleTimeoutSeconds: Double
        /// Seconds a request may take in all (`CURLOPT_TIMEOUT_MS`).
        var totalTimeoutSeconds: Double
        /// A PEM file of the certificate authorities to trust instead of the system's
        /// (`CURLOPT_CAINFO`); `nil`: the system's trust store.
        var caFile: String?
        /// The `User-Agent` header.
        var userAgent: String
    }

    /// A complete answer: any status, with its body.
    struct Response: Equatable {
        let status: Int
        let body: [UInt8]
    }

    /// A request that got no complete answer: libcurl's result code and its text.
    struct Failure: Error, Equatable {
        /// The `CURLcode`, e.g. 28 for a timeout, 60 for an unverifiable certificate.
        let code: UInt32
        /// libcurl's description of the code (no URLs, headers or bodies).
        let message: String
    }

    private let settings: Settings
    private let lock = NSLock()
    /// The easy handle; `nil` only when libcurl could not create one (out of memory).
    private let handle: UnsafeMutableRawPointer?

    /// libcurl's global state, set up once per process before the first handle.
    ///
    /// SIGPIPE is ignored from then on: with `CURLOPT_NOSIGNAL` (required, requests run on
    /// several threads) libcurl no longer ignores it around its own calls, and a TLS write
    /// to a connection the server or a proxy has closed would end the process instead of
    /// failing the request with `server_unreachable`.
    private static let globalInitialization: UInt32 = {
        signal(SIGPIPE, SIG_IGN)
        return ccurl_global_init_default().rawValue
    }()

    /// Creates a client; no connection is made until the first request.
    init(settings: Settings) {
        self.settings = settings
        _ = Self.globalInitialization
        handle = curl_easy_init()
    }

    deinit { if let handle { curl_easy_cleanup(handle) } }

    /// Sends one request and waits for the whole answer.
    ///
    /// - Parameters:
    ///   - method: `GET` or `POST`.
    ///   - url: the absolute URL.
    ///   - headers: header lines (`Name: value`), sent as given.
    ///   - body: the request body (`POST`), sent with `Content-Length`.
    /// - Returns: the status and body of the answer, or why none came.
    func perform(method: String, url: String, headers: [String], body: [UInt8]?) -> Result<Response, Failure> {
        lock.withLock {
            guard let handle else { return .failure(Failure(code: CURLE_OUT_OF_MEMORY.rawValue, message: "no libcurl handle")) }
            var list: UnsafeMutablePointer<curl_slist>?
            // "Expect:" keeps libcurl from waiting for `100 Continue` before a large body.
            for line in headers + ["Expect:"] {
                guard let extended = curl_slist_append(list, line) else {
                    curl_slist_free_all(list)
                    return .failure(Failure(code: CURLE_OUT_OF_MEMORY.rawValue, message: "out of memory"))
                }
                list = extended
            }
            defer { curl_slist_free_all(list) }
            let sink = ResponseSink()
            let unmanaged = Unmanaged.passRetained(sink)
            defer { unmanaged.release() }
            let code: CURLcode = (body ?? []).withUnsafeBufferPointer { bytes in
                // The empty body of a POST still needs a valid pointer.
                let empty: StaticString = ""
                let pointer = UnsafeRawPointer(bytes.baseAddress) ?? UnsafeRawPointer(empty.utf8Start)
                var set = configure(handle, url: url, headers: list, sink: unmanaged.toOpaque())
                if method == "POST" {
                    set = set && ccurl_setopt_long(handle, CURLOPT_POST, 1) == CURLE_OK
                        && ccurl_setopt_offset(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count)) == CURLE_OK
                        && ccurl_setopt_pointer(handle, CURLOPT_POSTFIELDS, pointer) == CURLE_OK
                } else {
                    set = set && ccurl_setopt_long(handle, CURLOPT_HTTPGET, 1) == CURLE_OK
                }
                guard set else { return CURLE_FAILED_INIT }
                let result = curl_easy_perform(handle)
                // Nothing may point at this call's memory once it returns.
                _ = ccurl_setopt_pointer(handle, CURLOPT_POSTFIELDS, nil)
                _ = ccurl_setopt_headers(handle, nil)
                _ = ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, nil)
                return result
            }
            guard code == CURLE_OK else {
                return .failure(Failure(code: code.rawValue, message: String(cString: curl_easy_strerror(code))))
            }
            var status = 0
            guard ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK else {
                return .failure(Failure(code: CURLE_BAD_FUNCTION_ARGUMENT.rawValue, message: "no response code"))
            }
            return .success(Response(status: status, body: sink.bytes))
        }
    }

    /// Sets everything but the method and body; false when libcurl refused an option.
    private func configure(_ handle: UnsafeMutableRawPointer, url: String, headers: UnsafeMutablePointer<curl_slist>?,
                           sink: UnsafeMutableRawPointer) -> Bool {
        let milliseconds = { (seconds: Double) -> Int in Int(max(1, (seconds * 1000).rounded(.up))) }
        var results = [
            ccurl_setopt_string(handle, CURLOPT_URL, url),
            ccurl_setopt_headers(handle, headers),
            ccurl_setopt_string(handle, CURLOPT_USERAGENT, settings.userAgent),
            ccurl_setopt_write_function(handle, writeResponseBytes),
            ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, sink),
            // No signals: requests run on several threads, and a timeout must not use SIGALRM.
            ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1),
            ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(settings.connectTimeoutSeconds)),
            ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, milliseconds(settings.totalTimeoutSeconds)),
            ccurl_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, 1),
            ccurl_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, max(1, Int(settings.idleTimeoutSeconds.rounded(.up)))),
            ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1),
            ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2),
            ccurl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0),
        ]
        if let caFile = settings.caFile { results.append(ccurl_setopt_string(handle, CURLOPT_CAINFO, caFile)) }
        return results.allSatisfy { $0 == CURLE_OK }
    }
}

/// Collects a response body; `CURLOPT_WRITEDATA` points at it during one transfer.
private final class ResponseSink {
    var bytes: [UInt8] = []
}

/// libcurl's write callback: appends the bytes to the `ResponseSink` passed as context.
private func writeResponseBytes(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int,
                                _ context: UnsafeMutableRawPointer?) -> Int {
    let length = size * count
    guard let context else { return 0 } // 0 < length: libcurl stops the transfer (CURLE_WRITE_ERROR)
    let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
    if let data, length > 0 {
        data.withMemoryRebound(to: UInt8.self, capacity: length) { sink.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: length)) }
    }
    return length
}
