import SyncCore

/// The hook of `ReplicaStore.merge(_:checkpoint:encoded:annotate:)` (a pull page, an
/// import): every incoming state is offered as it came, every merged state stored, filed
/// under the host's annotations when it gives some; nothing else is written, so the
/// merge reads the batch's rows up front.
struct AnnotatingMergeHook: MergeHook {
    /// The host's tags and review flags for each merged state; `nil` keeps the stored ones.
    let annotate: ((RecordState) throws -> RecordAnnotations)?

    var writesRecords: Bool { false }
    /// A state that adds nothing has its review flags refreshed when the host annotates.
    var decidesUnchanged: Bool { annotate != nil }

    func offer(_ incoming: RecordState, existing: RecordState?) -> (state: RecordState, offer: Void) { (incoming, ()) }

    func decide(_ merged: RecordState, existing: RecordState?, offered: RecordState, offer: Void) throws
        -> MergeDecision<Never> {
        .store(try annotate?(merged))
    }

    func stored(_ result: MergeResult, previous: RecordState?) {}
}
