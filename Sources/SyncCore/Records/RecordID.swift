import Digest

/// Record ids: random ones for new records, derived ones for natural keys.
///
/// A derived id makes the same fact recorded on two offline devices one record that merges,
/// not two duplicates: the attendance of participant P at forum F has the same id wherever
/// it is recorded.
public enum RecordID {
    /// The id of the record identified by `naturalKey` in `collection`: the first 32 hex
    /// characters (128 bits) of SHA-256 over the collection name followed by each key
    /// component behind a 0x00 byte (`collection 0x00 k1 0x00 k2 …`), so that ("ab","c")
    /// and ("a","bc") differ. See Protocol/PROTOCOL.md, "Deterministic record ids".
    public static func derived(collection: String, naturalKey: [String]) -> String {
        // One message, hashed at once: every attendance and honorarium write derives its id
        // again to check it, and an array per component was a third of the cost.
        var message = [UInt8]()
        message.reserveCapacity(collection.utf8.count + naturalKey.reduce(0) { $0 + $1.utf8.count + 1 })
        message.append(contentsOf: collection.utf8)
        for component in naturalKey {
            message.append(0)
            message.append(contentsOf: component.utf8)
        }
        // The first 16 bytes are the first 32 hex digits, without slicing a String by characters.
        return message.withUnsafeBytes { SHA256.withDigest(of: $0) { HexEncoding.encode(UnsafeRawBufferPointer(rebasing: $0.prefix(16))) } }
    }

    /// A new random id: 128 bits from the system's secure generator, as 32 hex characters.
    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return HexEncoding.encode(bytes)
    }
}
