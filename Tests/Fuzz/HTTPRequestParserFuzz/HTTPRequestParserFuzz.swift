// libFuzzer entry for HTTPRequestParser. Compiled together with Sources/HTTPServer/Parsing
// by Tests/Fuzz/run-fuzzers.sh; not part of any SwiftPM target.

/// Feeds the input in two differently split ways and checks both agree; any crash,
/// sanitizer report or disagreement is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let limits = HTTPRequestParser.Limits(maxRequestLineBytes: 256, maxHeaderBytes: 512,
                                          maxHeaderCount: 8, maxBodyBytes: 1024)
    let whole = run(bytes, limits: limits, split: size)
    // The first byte picks a split size so feeding patterns vary with the input.
    let split = Int(bytes.first ?? 1) % 7 + 1
    let pieces = run(bytes, limits: limits, split: split)
    if whole != pieces {
        fatalError("Split feeding changed the outcome")
    }
    return 0
}

private struct Outcome: Equatable {
    var requests: [String] = []
    var error: String?
}

private func run(_ bytes: [UInt8], limits: HTTPRequestParser.Limits, split: Int) -> Outcome {
    var parser = HTTPRequestParser(limits: limits)
    var outcome = Outcome()
    var index = 0
    repeat {
        let end = min(bytes.count, index + max(split, 1))
        parser.feed(bytes[index..<end])
        index = end
        do {
            while let request = try parser.nextRequest() {
                outcome.requests.append("\(request.method) \(request.target) \(request.body.count)")
                _ = request.pathSegments
                _ = request.keepAlive
            }
        } catch {
            outcome.error = error.code.rawValue
            return outcome
        }
    } while index < bytes.count
    return outcome
}
