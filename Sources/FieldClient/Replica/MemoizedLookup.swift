import ForumModel
import SyncCore

/// A `RecordLookup` that answers each record once for the span of one rule check.
///
/// `Authorization.check` follows the same references several times for one write: an
/// honorarium's attendance for the reference check, again for its municipality and again
/// for the approval rule, its forum twice. Each answer from the store is a query; holding
/// the answers for the one check (during which nothing is written) makes it one. Use a
/// fresh one per check: it never sees later writes.
final class MemoizedLookup: RecordLookup {
    private let base: any RecordLookup
    /// The answers so far: a check asks about two or three records, so a list searched
    /// from the end is cheaper than hashing their keys.
    private var answers: [(collection: String, id: String, state: RecordState?)] = []
    /// The facts answered so far, kept apart from the states: rules read referenced
    /// records as facts (`RecordLookup.facts`), which the base answers without decoding.
    private var factAnswers: [(collection: String, id: String, facts: RecordFacts?)] = []

    /// The most answers kept, of each kind. Default 16; a check follows two or three references.
    static let capacity = 16

    init(_ base: any RecordLookup) { self.base = base }

    func state(collection: String, id: String) -> RecordState? {
        if let answer = answers.last(where: { $0.id == id && $0.collection == collection }) { return answer.state }
        let state = base.state(collection: collection, id: id)
        // A rule that walked many records would make the list slow; those are not kept.
        if answers.count < Self.capacity { answers.append((collection, id, state)) }
        return state
    }

    func facts(collection: String, id: String) -> RecordFacts? {
        if let answer = factAnswers.last(where: { $0.id == id && $0.collection == collection }) { return answer.facts }
        // A state already read answers as well as the base would.
        if let answer = answers.last(where: { $0.id == id && $0.collection == collection }) { return answer.state.map(RecordFacts.init) }
        let facts = base.facts(collection: collection, id: id)
        if factAnswers.count < Self.capacity { factAnswers.append((collection, id, facts)) }
        return facts
    }

    func states(collection: String) -> [RecordState] { base.states(collection: collection) }
}
