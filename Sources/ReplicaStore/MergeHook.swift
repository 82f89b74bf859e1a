import SyncCore

/// A host's say in a merge (`ReplicaStore.merge(_:hook:)`): which state is offered for
/// each incoming one, whether a merged state may be stored and how it is filed, and what
/// follows once it is stored. The server's push is the host: its write gate decides, a
/// restore's recovery substitutes the offered state, and scope files what depends on it.
public protocol MergeHook {
    /// What the host keeps of an offer for its decision (the server: the restore recovery).
    associatedtype Offer
    /// Why the host refused a merged state.
    associatedtype Refusal

    /// The state to merge for `incoming`, given the record's stored state (`nil` when none
    /// is stored): `incoming` itself, or a substitute for the same record, with what the
    /// host keeps for `decide`.
    func offer(_ incoming: RecordState, existing: RecordState?) throws -> (state: RecordState, offer: Offer)

    /// Decides about a merged state that differs from the stored one: store it, filed
    /// under these annotations (`nil` keeps the stored ones), or refuse it (nothing of the
    /// record is stored). Not asked when the offered state adds nothing.
    /// - Parameters:
    ///   - merged: the state that would be stored.
    ///   - existing: the stored state, `nil` when the record is new.
    ///   - offered: the state `offer` returned (what the writer sent, as the host reads it).
    func decide(_ merged: RecordState, existing: RecordState?, offered: RecordState, offer: Offer) throws
        -> MergeDecision<Refusal>

    /// Called right after a state was stored, before the next one is merged, inside the
    /// merge's transaction: the host files what depends on it (it may write other records,
    /// through the store's writing functions).
    func stored(_ result: MergeResult, previous: RecordState?) throws

    /// Whether `offer`, `decide` or `stored` may write records of the store (through its
    /// writing functions). When none can, the merge reads the batch's stored rows up front,
    /// one query per chunk of ids, and numbers the changes with a running counter (a pull
    /// page, an import); when one may, each record's row is read just before its state is
    /// merged and its sequence asked as it is stored, so a write of the hook to a later
    /// record of the batch is merged, not overwritten (the push). Default `true`.
    var writesRecords: Bool { get }

    /// Whether `decide` is also asked about a state that adds nothing to the stored one:
    /// `.store(annotations)` then replaces the record's review flags with the annotations'
    /// (its tags, state and sequence are kept, `stored` is not called), `.refuse` reports a
    /// refusal and writes nothing. Default `false`: such a state is `unchanged` unasked.
    var decidesUnchanged: Bool { get }
}

extension MergeHook {
    /// A hook may write records unless it says otherwise.
    public var writesRecords: Bool { true }
    /// A state that adds nothing is not decided about unless the hook says otherwise.
    public var decidesUnchanged: Bool { false }
}

/// A host's decision about one merged state.
public enum MergeDecision<Refusal> {
    /// Store the merged state with these annotations (`nil` keeps the stored ones).
    case store(RecordAnnotations?)
    /// Store nothing of the record, for this reason.
    case refuse(Refusal)
}

/// What a merge with a hook did with one incoming state.
public enum DecidedMerge<Refusal> {
    /// Merged: stored (`new`, `changed`, `conflict`), or `unchanged` when the offered state
    /// added nothing (the hook is not asked then, and nothing is written).
    case merged(MergeResult)
    /// The hook refused the merged state: nothing was stored; `existing` is the record's
    /// stored state (`nil` when none).
    case refused(Refusal, existing: RecordState?)
}
