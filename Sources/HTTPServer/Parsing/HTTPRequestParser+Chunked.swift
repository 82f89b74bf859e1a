extension HTTPRequestParser {
    /// Progress through a chunked body (RFC 9112 §7.1).
    struct ChunkedState: Sendable {
        enum Phase: Sendable {
            case sizeLine
            case data(remaining: Int)
            case dataEnd
            case trailer(bytes: Int)
        }
        var phase = Phase.sizeLine
        /// Bytes after `start` already searched for a line end.
        var scanned = 0
    }

    /// Decodes as much of the chunked body as is buffered, consuming what it decodes.
    /// - Returns: `true` once the last chunk and the trailer section have been read.
    mutating func decodeChunks(_ chunked: inout ChunkedState, into body: inout [UInt8]) throws(HTTPParseError) -> Bool {
        while true {
            switch chunked.phase {
            case .sizeLine:
                guard let line = try nextLine(&chunked, limit: Limits.maxChunkLineBytes, tooLong: invalidChunk) else {
                    return false
                }
                let size = try parseChunkSize(line)
                consume(line.count + 2)
                if size == 0 {
                    chunked.phase = .trailer(bytes: 0)
                } else {
                    guard size <= bodyLimit - body.count else { throw bodyTooLarge }
                    chunked.phase = .data(remaining: size)
                }
            case .data(let remaining):
                let count = min(remaining, bufferedByteCount)
                guard count > 0 else { return false }
                body.append(contentsOf: buffer[start..<start + count])
                consume(count)
                chunked.phase = count == remaining ? .dataEnd : .data(remaining: remaining - count)
            case .dataEnd:
                let available = bufferedByteCount
                if available >= 1, buffer[start] != ByteSet.cr { throw invalidChunk }
                if available >= 2, buffer[start + 1] != ByteSet.lf { throw invalidChunk }
                guard available >= 2 else { return false }
                consume(2)
                chunked.phase = .sizeLine
            case .trailer(let bytes):
                let remainingLimit = limits.maxHeaderBytes - bytes
                let tooLarge = HTTPParseError(.headersTooLarge, "The trailer section is too large.")
                guard let line = try nextLine(&chunked, limit: remainingLimit, tooLong: tooLarge) else {
                    return false
                }
                consume(line.count + 2)
                if line.isEmpty { return true }
                // Trailer fields are validated like header fields, then discarded.
                _ = try Self.parseFieldLine(line)
                chunked.phase = .trailer(bytes: bytes + line.count + 2)
                if bytes + line.count + 2 > limits.maxHeaderBytes { throw tooLarge }
            }
        }
    }

    private var invalidChunk: HTTPParseError {
        HTTPParseError(.invalidChunkedBody, "Malformed chunked body.")
    }

    /// The next CRLF-terminated line (without CRLF) at `start`, or `nil` if incomplete.
    /// Does not consume it.
    private func nextLine(_ chunked: inout ChunkedState, limit: Int, tooLong: HTTPParseError) throws(HTTPParseError) -> ArraySlice<UInt8>? {
        let available = bufferedByteCount
        while chunked.scanned < available {
            let offset = chunked.scanned
            chunked.scanned += 1
            guard buffer[start + offset] == ByteSet.lf else { continue }
            let hasCR = offset > 0 && buffer[start + offset - 1] == ByteSet.cr
            // Length before syntax, matching the incomplete-line check below.
            if offset - (hasCR ? 1 : 0) > limit { throw tooLong }
            guard hasCR else { throw invalidChunk }
            chunked.scanned = 0
            return buffer[start..<start + offset - 1]
        }
        let trailingCR = available > 0 && buffer[start + available - 1] == ByteSet.cr ? 1 : 0
        if available - trailingCR > limit { throw tooLong }
        return nil
    }

    /// `1*HEXDIG [ BWS ";" chunk-ext ]`; extensions are validated loosely and ignored.
    private func parseChunkSize(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> Int {
        let digits = line.prefix { PercentDecoding.hexValue($0) != nil }
        guard !digits.isEmpty else { throw invalidChunk }
        let extensions = line.dropFirst(digits.count).drop { $0 == ByteSet.sp || $0 == ByteSet.tab }
        if let first = extensions.first {
            guard first == UInt8(ascii: ";"), extensions.allSatisfy(ByteSet.isFieldValueChar) else {
                throw invalidChunk
            }
        }
        let significant = digits.drop { $0 == UInt8(ascii: "0") }
        guard significant.count <= 15 else { throw bodyTooLarge }
        return significant.reduce(0) { $0 << 4 | Int(PercentDecoding.hexValue($1) ?? 0) }
    }
}
