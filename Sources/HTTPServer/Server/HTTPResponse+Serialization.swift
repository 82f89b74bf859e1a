extension HTTPResponse {
    /// Header names the server controls; handler values for them are ignored.
    static let reservedHeaders = ["content-length", "transfer-encoding", "connection", "date", "server"]

    /// The response as bytes on the wire.
    /// - Parameters:
    ///   - method: the request method (HEAD responses carry no body).
    ///   - keepAlive: whether the connection stays open, announced in `Connection`.
    ///   - date: the IMF-fixdate for the `Date` header.
    func serialized(for method: HTTPMethod?, keepAlive: Bool, date: String) -> [UInt8] {
        let bodyless = status.code == 204 || status.code == 304 || (100..<200).contains(status.code)
        var head = "HTTP/1.1 \(status.code) \(Self.sanitized(status.reason))\r\n"
        for field in headers where Self.isSendable(field) {
            head += "\(field.name): \(field.value)\r\n"
        }
        if !bodyless { head += "Content-Length: \(body.count)\r\n" }
        head += "Connection: \(keepAlive ? "keep-alive" : "close")\r\n"
        head += "Date: \(date)\r\nServer: forum-sync\r\n\r\n"
        var bytes = Array(head.utf8)
        if !bodyless && method != .head { bytes += body }
        return bytes
    }

    private static func isSendable(_ field: HTTPHeaders.Field) -> Bool {
        !field.name.isEmpty && field.name.utf8.allSatisfy(ByteSet.isTokenChar)
            && field.value.utf8.allSatisfy(ByteSet.isFieldValueChar)
            && !reservedHeaders.contains(field.name.lowercased())
    }

    private static func sanitized(_ reason: String) -> String {
        String(decoding: reason.utf8.filter(ByteSet.isFieldValueChar), as: UTF8.self)
    }
}
