/// What is wrong with a pushed state as history, whatever the domain's rules say: the
/// checks every replica's writes must pass before a server stores them (PROTOCOL.md §8a).
public enum IntegrityProblem: Hashable, Sendable {
    /// The context claims writes of another replica that the server never saw for this
    /// record (devices learn others' writes only from the server).
    case forgedHistory
    /// An entry reuses a dot the server holds in the same field with another value or time:
    /// a dot names exactly one write, so the entry is a rewrite of someone's history.
    case dotConflict(field: String)
    /// An entry new to the server carries a time before 1970 or further ahead of the
    /// server's clock than the allowed skew.
    case timeOutOfRange(field: String)

    /// The stable code, as sent in a refused push result's `reason.code`.
    public var code: String {
        switch self {
        case .forgedHistory: "forged_history"
        case .dotConflict: "dot_conflict"
        case .timeOutOfRange: "time_out_of_range"
        }
    }

    /// The field the problem is in, when there is one.
    public var field: String? {
        switch self {
        case .forgedHistory: nil
        case .dotConflict(let field), .timeOutOfRange(let field): field
        }
    }
}

extension RecordState {
    /// The first integrity problem of `incoming`, pushed by `pusher`, against the server's
    /// `stored` state, `nil` when there is none.
    ///
    /// - Forged history: `foreignDots` is not empty.
    /// - Dot integrity: an entry whose dot `stored` holds in the same field must be that
    ///   very entry (same time and value). An entry whose dot `stored` covers but no longer
    ///   holds in that field is not a problem: the merge drops it (a device that has not
    ///   pulled yet re-sends entries the server has since overwritten), so it is never
    ///   stored and never attributed.
    /// - Time bounds: an entry the server does not hold yet must have a time of at least 0
    ///   and at most `nowMillis + maxAheadMillis`.
    ///
    /// - Complexity: O(entries of `incoming` × entries of the same field in `stored`).
    public static func integrityProblem(in incoming: RecordState, pushedBy pusher: ReplicaID?, stored: RecordState?,
                                        nowMillis: Int64, maxAheadMillis: Int64) -> IntegrityProblem? {
        if let pusher, !foreignDots(in: incoming, pushedBy: pusher, known: stored).isEmpty { return .forgedHistory }
        let latest = nowMillis > Int64.max - maxAheadMillis ? Int64.max : nowMillis + maxAheadMillis
        for name in incoming.fields.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            guard let register = incoming.fields[name] else { continue }
            let held = stored?.fields[name]?.entries ?? []
            for entry in register.entries {
                if let same = held.first(where: { $0.dot == entry.dot }) {
                    // `JSONValue`'s `==` compares strings and keys by their bytes, as the
                    // canonical form does: "é" and "e\u0301" are different values.
                    if same.time != entry.time || same.value != entry.value {
                        return .dotConflict(field: name)
                    }
                    continue
                }
                if entry.time.wallMillis < 0 || entry.time.wallMillis > latest { return .timeOutOfRange(field: name) }
            }
        }
        return nil
    }

    /// Dots in `incoming`'s context that neither `pusher` made nor `known` has seen: history
    /// the pusher cannot legitimately have, since devices learn others' writes only from the server.
    public static func foreignDots(in incoming: RecordState, pushedBy pusher: ReplicaID,
                                   known: RecordState?) -> [Dot] {
        let knownContext = known?.context ?? VersionVector()
        return incoming.context.sorted.compactMap { item in
            item.replica != pusher && item.counter > knownContext[item.replica]
                ? Dot(replica: item.replica, counter: item.counter) : nil
        }
    }
}
