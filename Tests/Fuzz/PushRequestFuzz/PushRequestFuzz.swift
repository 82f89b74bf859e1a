// libFuzzer entry for the push body decoders: JSONParser, then SyncProtocol's PushRequest
// (batch id, record count, every record state validated), and the direct PushRequest(body:)
// the server tries first, which must accept nothing else and read it alike. Built by
// Tests/Fuzz/run-fuzzers.sh against the SyncProtocol module and its dependencies; not part
// of any SwiftPM target.
//
// Must never crash, only throw, and then only with a code of `WireErrorCode` (the list
// PROTOCOL.md §16 is checked against). An accepted request must hold valid states that
// survive a canonical round trip unchanged.
import SyncCore
import SyncProtocol

private let limits = PushRequest.Limits(maxRecords: 8) // small, so the limit is reached by mutation
private let collections: Set<String> = ["forum", "participant", "attendance", "honorarium"]
private let documentedCodes = Set(WireErrorCode.allCases.map(\.rawValue))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // The server decodes bodies without a tree first: it may only accept what the tree path accepts, alike.
    let direct = PushRequest(body: bytes, limits: limits, collections: collections)
    let json: JSONValue
    do { json = try JSONParser().parse(bytes) } catch {
        if direct != nil { fatalError("the direct decoder accepts invalid JSON") }
        return 0
    }
    let request: PushRequest
    do {
        request = try PushRequest(json: json, limits: limits, collections: collections)
    } catch {
        if !documentedCodes.contains(error.code) { fatalError("undocumented error code \(error.code)") }
        if direct != nil { fatalError("the direct decoder accepts a body the tree path refuses") }
        return 0
    }
    if let direct, direct.batch != request.batch || direct.records != request.records {
        fatalError("the direct decoder reads a body differently")
    }
    if request.records.count > limits.maxRecords { fatalError("record limit not enforced") }
    for state in request.records {
        do { try state.validate() } catch { fatalError("accepted an invalid state: \(error.code.rawValue)") }
        if !collections.contains(state.collection) { fatalError("accepted an unknown collection") }
        guard let again = try? RecordState(jsonBytes: state.canonicalJSON), again == state,
              again.canonicalJSON == state.canonicalJSON else {
            fatalError("an accepted state does not survive a canonical round trip")
        }
    }
    return 0
}
