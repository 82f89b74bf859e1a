// libFuzzer entry for the push body decoders: JSONParser, then SyncServer's PushRequest
// (batch id, record count, every record state validated), and the direct PushRequest(body:)
// the server tries first, which must accept nothing else and read it alike. Built by
// Tests/Fuzz/run-fuzzers.sh against the SyncServer module and its dependencies; not part of
// any SwiftPM target.
//
// Must never crash, only throw, and then only with a code PROTOCOL.md §16 lists. An
// accepted request must hold valid states that survive a canonical round trip unchanged.
import SyncCore
@testable import SyncServer

private let configuration: SyncServerConfiguration = {
    var configuration = SyncServerConfiguration()
    configuration.maxRecordsPerPush = 8 // small, so the limit is reached by mutation
    return configuration
}()
private let collections: Set<String> = ["forum", "participant", "attendance", "honorarium"]
private let documentedCodes: Set<String> = [
    "invalid_request", "invalid_record", "invalid_collection", "invalid_record_id", "invalid_field_name",
    "reserved_field", "invalid_replica_id", "invalid_dot", "dot_not_in_context", "duplicate_dot",
    "too_many_fields", "too_many_entries", "value_too_large", "too_many_records", "unknown_collection",
    "invalid_json",
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // The server decodes bodies without a tree first: it may only accept what the tree path accepts, alike.
    let direct = PushRequest(body: bytes, configuration: configuration, collections: collections)
    let json: JSONValue
    do { json = try JSONParser().parse(bytes) } catch {
        if direct != nil { fatalError("the direct decoder accepts invalid JSON") }
        return 0
    }
    let request: PushRequest
    do {
        request = try PushRequest(json: json, configuration: configuration, collections: collections)
    } catch {
        if !documentedCodes.contains(error.code) { fatalError("undocumented error code \(error.code)") }
        if direct != nil { fatalError("the direct decoder accepts a body the tree path refuses") }
        return 0
    }
    if let direct, direct.batch != request.batch || direct.records != request.records {
        fatalError("the direct decoder reads a body differently")
    }
    if request.records.count > configuration.maxRecordsPerPush { fatalError("record limit not enforced") }
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
