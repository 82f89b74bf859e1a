extension RecordState {
    /// The server's answer to a refused write: a new server write that covers the refused
    /// dots and puts back what the server held before.
    ///
    /// The result's context covers everything in `refused`, so when the device merges it,
    /// its refused entries are dropped; every field the refused state would have changed is
    /// re-written with the server's previous entries under fresh server dots, so they win
    /// over nothing and are lost by nobody. Concurrent values the server held stay
    /// concurrent (one fresh dot per previous entry, original timestamps kept). When the
    /// server had no such record, the result is a deletion tombstone.
    ///
    /// - Parameters:
    ///   - previous: the server's state before the push (`nil` when it had none).
    ///   - refused: the state the device pushed.
    ///   - server: the server's replica id.
    ///   - time: the server's clock reading.
    /// - Throws: `recordMismatch` when the states are of different records.
    public static func compensation(previous: RecordState?, refused: RecordState, by server: ReplicaID,
                                    at time: HybridTimestamp) throws(SyncCoreError) -> RecordState {
        let base = previous ?? RecordState(collection: refused.collection, id: refused.id)
        let wouldBe = try base.merged(with: refused)
        var result = base
        result.context.merge(refused.context)
        if previous == nil || base.fields.isEmpty {
            result.fields = [:]
            result.delete(by: server, at: time)
            return result
        }
        let names = Set(base.fields.keys).union(wouldBe.fields.keys)
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for name in names where base.fields[name] != wouldBe.fields[name] {
            guard let previousRegister = base.fields[name] else {
                result.fields[name] = nil
                continue
            }
            let restamped = previousRegister.entries.map { entry in
                FieldEntry(value: entry.value, dot: result.context.increment(server), time: entry.time)
            }
            result.fields[name] = FieldRegister(restamped)
        }
        return result
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
