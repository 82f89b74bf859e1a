import ReplicaStore
import SyncCore

/// One room of the server's database: a view of the one `ServerStore` that holds one
/// responsibility (`DeviceRegistry`, `SyncLedger`, `ConflictDesk`, `RecordsOffice`,
/// `StatusBoard`). A room holds nothing of its own: the store, the lock, the ledger, the
/// clocks and the configuration are the shared object's, so every room works under the
/// same lock and in the same transactions as before the split.
protocol ServerRoom {
    /// The shared store this room works on.
    var server: ServerStore { get }
}

extension ServerRoom {
    var store: ReplicaStore { server.store }
    var lookup: StoreLookup { server.lookup }
    var ledger: AcknowledgementLedger { server.ledger }
    var policy: any SyncPolicy { server.policy }
    var configuration: SyncServerConfiguration { server.configuration }
    var clock: WallClock { server.clock }

    /// Runs `body` holding the store's one lock (`ServerStore.locked`).
    func locked<T>(_ body: () throws -> T) throws(SyncServerError) -> T { try server.locked(body) }
}
