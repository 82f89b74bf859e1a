import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The session delegate of `HTTPSyncTransport`: keeps libcurl from re-sending a request
/// without its body.
///
/// When a reused keep-alive connection dies after a request went out and before any byte of
/// the answer came back (the server closed it as it went idle, a proxy dropped it), libcurl
/// sends the request again on a new connection, and first asks to rewind the body.
/// FoundationNetworking can rewind only a stream body: for an in-memory body (`httpBody`)
/// it asks the delegate for a new stream, then reports success to libcurl without
/// rewinding, whatever the answer. The retry then carries the head and `Content-Length` but
/// no body, and both ends wait for the body until a timeout.
///
/// The rewind request is therefore the sign: this delegate answers it with no stream,
/// notes the task and cancels it, and the transport sends the request again itself on a
/// fresh connection. Requests without a body are asked for a body stream when they start;
/// those are left alone (re-sending a GET is harmless).
final class BodyResendGuard: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var resent: Set<ObjectIdentifier> = []

    func urlSession(_ session: URLSession, task: URLSessionTask,
                    needNewBodyStream completionHandler: @escaping (InputStream?) -> Void) {
        // Answered at once: FoundationNetworking blocks libcurl for up to 7 s waiting for it.
        // A stream for an in-memory body would not help either; it traps on that combination.
        completionHandler(nil)
        guard task.originalRequest?.httpBody != nil else { return }
        lock.withLock { _ = resent.insert(ObjectIdentifier(task)) }
        // This runs on the session's serial queue, which `cancel()` waits for: cancel from
        // another queue, before the server could answer the bodiless head (it waits for the
        // declared body).
        DispatchQueue.global().async { task.cancel() }
    }

    /// Whether libcurl tried to re-send `task`'s request (so it was cancelled); forgets the task.
    func wasResent(_ task: URLSessionTask) -> Bool {
        lock.withLock { resent.remove(ObjectIdentifier(task)) != nil }
    }
}
