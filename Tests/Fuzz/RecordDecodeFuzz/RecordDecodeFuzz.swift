// libFuzzer entry for the direct record-state decoder. Built by Tests/Fuzz/run-fuzzers.sh
// against the SyncCore module (and Digest); not part of any SwiftPM target. Seeds: the merge
// corpus (record states separated by 0x00 bytes).
//
// The whole input, and each 0x00-separated part of it, is decoded three ways: the tree path
// (JSONParser, then RecordState(json:)), the public RecordState(jsonBytes:) and the direct
// RecordStateDecoder alone; the input is also read as a batch ({"records":[…],…}) by
// RecordBatch and by the tree path. Traps when the direct decoder accepts what the tree path
// refuses or gives a different state, when the public decoder and the tree path disagree on
// acceptance or on the state, or on an invalid_json error (code and offset). Other error
// codes may legitimately differ between two runs of the tree path itself when several
// fields are bad (Dictionary order decides which is reported), so they are not compared.
@testable import SyncCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    check(bytes)
    for part in bytes.split(separator: 0, omittingEmptySubsequences: true).prefix(3) where part.count < bytes.count {
        check(Array(part))
    }
    checkBatch(bytes)
    return 0
}

private func tree(_ bytes: [UInt8]) -> Result<RecordState, SyncCoreError> {
    let value: JSONValue
    do { value = try JSONParser().parse(bytes) } catch { return .failure(SyncCoreError(.invalidJSON, error.description)) }
    do { return .success(try RecordState(json: value)) } catch { return .failure(error) }
}

private func check(_ bytes: [UInt8]) {
    let expected = tree(bytes)
    let actual: Result<RecordState, SyncCoreError>
    do { actual = .success(try RecordState(jsonBytes: bytes)) } catch { actual = .failure(error) }
    switch (actual, expected) {
    case (.success(let x), .success(let y)):
        if x != y || x.canonicalJSON != y.canonicalJSON { fatalError("the decoders give different states") }
    case (.failure(let x), .failure(let y)):
        if (x.code == .invalidJSON || y.code == .invalidJSON) && x != y { fatalError("different JSON errors") }
    default:
        fatalError("one decoder accepts what the other refuses")
    }
    if let direct = bytes.withUnsafeBufferPointer({ RecordStateDecoder.decode($0, limits: RecordLimits()) }) {
        guard case .success(let state) = expected, state == direct, state.canonicalJSON == direct.canonicalJSON else {
            fatalError("the direct decoder accepts what the tree path refuses, or reads it differently")
        }
    }
}

private func checkBatch(_ bytes: [UInt8]) {
    guard let batch = RecordBatch(jsonBytes: bytes) else { return }
    guard var object = (try? JSONParser().parse(bytes))?.objectValue, let items = object["records"]?.arrayValue,
          items.count == batch.records.count else { fatalError("RecordBatch accepts what the tree path refuses") }
    for (item, record) in zip(items, batch.records) where (try? RecordState(json: item)) != record {
        fatalError("RecordBatch reads a record differently")
    }
    object["records"] = nil
    if object != batch.members { fatalError("RecordBatch reads the other members differently") }
}
