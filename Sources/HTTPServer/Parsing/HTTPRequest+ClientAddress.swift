extension HTTPRequest {
    /// The peer's host without the port: `"127.0.0.1"` from `"127.0.0.1:5000"`, `"::1"` from
    /// `"[::1]:5000"`; `""` when unknown.
    public var peerHost: String {
        if remoteAddress.hasPrefix("["), let close = remoteAddress.firstIndex(of: "]") {
            return String(remoteAddress[remoteAddress.index(after: remoteAddress.startIndex)..<close])
        }
        guard let colon = remoteAddress.lastIndex(of: ":") else { return remoteAddress }
        return String(remoteAddress[..<colon])
    }

    /// The client's address for per-client limits: the peer's host, or, when the peer is one
    /// of `trustedProxies`, the last `X-Forwarded-For` entry that is not itself a trusted
    /// proxy (entries before it were written by the client and prove nothing). A trusted
    /// proxy's request without a usable `X-Forwarded-For` counts as the proxy's own.
    /// - Parameter trustedProxies: IP literals of reverse proxies (e.g. `["127.0.0.1"]`).
    public func clientAddress(trusting trustedProxies: [String]) -> String {
        let peer = peerHost
        guard trustedProxies.contains(peer) else { return peer }
        let hops = headers.values(for: "X-Forwarded-For")
            .flatMap { $0.split(separator: ",") }
            .map { String($0.trimmingOWS()) }
        for hop in hops.reversed() where !hop.isEmpty && !trustedProxies.contains(hop) {
            return hop.utf8.count <= 64 && hop.utf8.allSatisfy(Self.isAddressByte) ? hop : peer
        }
        return peer
    }

    /// Bytes of an IPv4 or IPv6 literal; anything else in the header is not an address.
    private static func isAddressByte(_ byte: UInt8) -> Bool {
        ByteSet.isDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
            || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
    }
}
