import Glibc

/// A connected, non-blocking stream socket with deadline-bounded reads and writes.
struct ConnectionSocket: Sendable {
    let fd: Int32
    let clock: any HTTPClock

    enum WaitResult {
        case ready
        case timedOut
        /// The wake descriptor (server shutdown) became readable.
        case woken
    }

    /// Waits until the socket is readable (or hung up), `deadline` passes or `wakeFD` is readable.
    func waitReadable(until deadline: Double, wakeFD: Int32?) -> WaitResult {
        wait(events: Int16(POLLIN), until: deadline, wakeFD: wakeFD)
    }

    private func wait(events: Int16, until deadline: Double, wakeFD: Int32?) -> WaitResult {
        while true {
            let remaining = deadline - clock.now()
            guard remaining > 0 else { return .timedOut }
            var fds = [pollfd(fd: fd, events: events, revents: 0)]
            if let wakeFD { fds.append(pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)) }
            let milliseconds = Int32(min(remaining * 1000 + 1, Double(Int32.max)))
            let count = fds.withUnsafeMutableBufferPointer { poll($0.baseAddress, nfds_t($0.count), milliseconds) }
            if count < 0 {
                if errno == EINTR { continue }
                return .ready // Let the following read/write report the error.
            }
            if count == 0 { continue } // Re-check the deadline against the clock.
            if fds.count > 1, fds[1].revents != 0 { return .woken }
            if fds[0].revents != 0 { return .ready }
        }
    }

    enum ReadResult: Equatable {
        case bytes([UInt8])
        case endOfStream
        case wouldBlock
        case failed
    }

    /// Reads up to `maxBytes` without blocking.
    func read(maxBytes: Int) -> ReadResult {
        var bytes = [UInt8](repeating: 0, count: maxBytes)
        let count: Int?
        do {
            count = try SystemCall.run("recv") { bytes.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) } }
        } catch {
            return .failed
        }
        guard let count else { return .wouldBlock }
        guard count > 0 else { return .endOfStream }
        bytes.removeSubrange(count...)
        return .bytes(bytes)
    }

    /// Writes all of `bytes` before `deadline`. Returns the number of bytes written, which is
    /// short when the deadline passed or the peer went away.
    func writeAll(_ bytes: [UInt8], until deadline: Double) -> Int {
        var written = 0
        while written < bytes.count {
            let count: Int?
            do {
                count = try SystemCall.run("send") {
                    bytes.withUnsafeBytes {
                        send(fd, $0.baseAddress! + written, $0.count - written, Int32(MSG_NOSIGNAL))
                    }
                }
            } catch {
                return written
            }
            if let count {
                written += count
            } else if wait(events: Int16(POLLOUT), until: deadline, wakeFD: nil) != .ready {
                return written
            }
        }
        return written
    }

    /// Half-closes, then reads and discards until the peer closes, `deadline` passes or
    /// `maxBytes` have been discarded; the caller then closes. Prevents a reset from
    /// destroying a just-sent error response (RFC 9112 §9.6).
    func lingeringClose(until deadline: Double, maxBytes: Int = .max) {
        Glibc.shutdown(fd, Int32(SHUT_WR))
        var discarded = 0
        while discarded < maxBytes, waitReadable(until: deadline, wakeFD: nil) == .ready {
            switch read(maxBytes: 16 * 1024) {
            case .bytes(let bytes): discarded += bytes.count
            case .wouldBlock: continue
            case .endOfStream, .failed: return
            }
        }
    }
}
