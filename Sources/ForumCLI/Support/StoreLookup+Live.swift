import FieldClient
import ForumModel
import SyncCore

extension StoreLookup {
    /// Live records of a collection.
    static func all(_ replica: LocalReplica, _ collection: String) -> [RecordState] {
        replica.lookup.states(collection: collection).filter { !$0.isDeleted }
    }
}
