import Foundation
import SyncCore

/// Recently decoded record states with the exact canonical bytes they came from, kept in
/// two generations: new entries go into the young one; when it holds `capacity` entries
/// it becomes the old one and the former old one is dropped. A hit in the old generation
/// moves the entry back into the young one.
///
/// Dropping everything when full (as before) threw away the parents a run of writes keeps
/// reading (a forum, an honorarium's attendance) every `capacity` writes, since each
/// write caches the state it stores: 100,000 local writes decoded the same forums again
/// after every clearing, and freeing 1,024 states at once cost 4.6 % of the writes' time.
/// Now an entry read at least once per `capacity` insertions stays; at most 2 × capacity
/// states are held.
struct DecodedStateCache {
    typealias Entry = (bytes: [UInt8], state: RecordState)

    /// Entries per generation; 0 disables the cache.
    let capacity: Int
    private var young: [RecordKey: Entry] = [:]
    private var old: [RecordKey: Entry] = [:]

    init(capacity: Int) { self.capacity = max(0, capacity) }

    /// The entry for `key`, from either generation; setting `nil` forgets it in both.
    subscript(key: RecordKey) -> Entry? {
        get { young[key] ?? old[key] }
        set {
            guard let newValue else {
                young[key] = nil
                old[key] = nil
                return
            }
            insert(newValue, for: key)
        }
    }

    /// The entry for `key` when its bytes are exactly `bytes`, moved into the young
    /// generation when found in the old one.
    mutating func state(for key: RecordKey, bytes: [UInt8]) -> RecordState? {
        if let entry = young[key] { return Self.same(entry.bytes, bytes) ? entry.state : nil }
        guard let entry = old.removeValue(forKey: key), Self.same(entry.bytes, bytes) else { return nil }
        insert(entry, for: key)
        return entry.state
    }

    /// Whether two byte arrays are equal, compared with `memcmp` (a stored state is a
    /// kilobyte or two, compared at every read of a cached record).
    static func same(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBytes { x in
            b.withUnsafeBytes { y in
                guard let p = x.baseAddress, let q = y.baseAddress else { return true }
                return memcmp(p, q, x.count) == 0
            }
        }
    }

    /// Caches `entry` for `key` in the young generation.
    mutating func insert(_ entry: Entry, for key: RecordKey) {
        guard capacity > 0 else { return }
        // One hash of the key in the young generation, one in the old only for a new key.
        guard young.updateValue(entry, forKey: key) == nil else { return }
        if !old.isEmpty { old.removeValue(forKey: key) }
        if young.count >= capacity {
            old = young
            young = [:]
            young.reserveCapacity(capacity)
        }
    }
}
