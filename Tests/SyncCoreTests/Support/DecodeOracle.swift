@testable import SyncCore

/// What decoding some bytes gave: a state, or the error.
enum DecodeOutcome: Equatable, CustomStringConvertible {
    case decoded(RecordState)
    case refused(SyncCoreError)

    var description: String {
        switch self {
        case .decoded(let state): "decoded \(String(decoding: state.canonicalJSON, as: UTF8.self))"
        case .refused(let error): "refused \(error)"
        }
    }

    var state: RecordState? { if case .decoded(let state) = self { state } else { nil } }
}

/// The two ways of decoding a record state, side by side: the tree path as it always was
/// (JSONParser, then `init(json:)`) and the public `init(jsonBytes:)` with its direct
/// decoder, plus the direct decoder on its own.
enum DecodeOracle {
    /// The tree path, exactly as `init(jsonBytes:)` ran it before the direct decoder.
    static func tree(_ bytes: [UInt8], limits: RecordLimits = RecordLimits()) -> DecodeOutcome {
        let value: JSONValue
        do { value = try JSONParser().parse(bytes) } catch {
            return .refused(SyncCoreError(.invalidJSON, error.description))
        }
        do { return .decoded(try RecordState(json: value, limits: limits)) } catch { return .refused(error) }
    }

    /// The public decoder.
    static func decoded(_ bytes: [UInt8], limits: RecordLimits = RecordLimits()) -> DecodeOutcome {
        do { return .decoded(try RecordState(jsonBytes: bytes, limits: limits)) } catch { return .refused(error) }
    }

    /// The direct decoder alone: a state, or `nil` when it declines.
    static func direct(_ bytes: [UInt8], limits: RecordLimits = RecordLimits()) -> RecordState? {
        bytes.withUnsafeBufferPointer { RecordStateDecoder.decode($0, limits: limits) }
    }

    /// The three results for `bytes`.
    static func outcomes(_ bytes: [UInt8], limits: RecordLimits = RecordLimits())
        -> (tree: DecodeOutcome, decoded: DecodeOutcome, direct: RecordState?) {
        (tree(bytes, limits: limits), decoded(bytes, limits: limits), direct(bytes, limits: limits))
    }

    /// Whether the public decoder and the tree path agree on `bytes` and the direct decoder,
    /// when it accepts, gives the tree path's state; also whether it accepted, and the tree path's result.
    ///
    /// Agreeing means equal states with identical canonical bytes, or errors with the same
    /// code, and for `invalid_json` the same message (the parser's code and byte offset).
    /// Only one thing may differ, and not because of the direct decoder: when several
    /// fields (or context entries) are bad, which one the tree path reports depends on
    /// Dictionary iteration order, which differs from one run of it to the next. A different
    /// code is therefore accepted when it is one the tree path gives for one of those fields
    /// (or context entries) alone.
    static func agree(_ bytes: [UInt8], limits: RecordLimits = RecordLimits()) -> (agree: Bool, direct: Bool, tree: DecodeOutcome) {
        let (tree, viaPublic, direct) = outcomes(bytes, limits: limits)
        let same: Bool = switch (viaPublic, tree) {
        case (.decoded(let x), .decoded(let y)): x == y && x.canonicalJSON == y.canonicalJSON
        case (.refused(let x), .refused(let y)) where x.code == .invalidJSON || y.code == .invalidJSON: x == y
        case (.refused(let x), .refused(let y)): x.code == y.code || codesOfParts(bytes, limits: limits).contains(x.code)
        default: false
        }
        let directSame = direct == nil || (direct == tree.state && direct?.canonicalJSON == tree.state?.canonicalJSON)
        return (same && directSame, direct != nil, tree)
    }

    /// The codes the tree path gives for the document cut down to one field, and to one
    /// context entry (without fields): each such document has one order of checks only.
    static func codesOfParts(_ bytes: [UInt8], limits: RecordLimits) -> Set<SyncCoreError.Code> {
        guard let envelope = (try? JSONParser().parse(bytes))?.objectValue else { return [] }
        var parts: [[JSONKey: JSONValue]] = []
        for (name, register) in envelope["fields"]?.objectValue ?? [:] {
            var part = envelope
            part["fields"] = .object([name: register])
            parts.append(part)
        }
        for (replica, counter) in envelope["context"]?.objectValue ?? [:] {
            var part = envelope
            part["context"] = .object([replica: counter])
            part["fields"] = .object([:])
            parts.append(part)
        }
        return Set(parts.compactMap { part -> SyncCoreError.Code? in
            do throws(SyncCoreError) { _ = try RecordState(json: .object(part), limits: limits) } catch { return error.code }
            return nil
        })
    }
}
