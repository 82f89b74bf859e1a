import Foundation

/// Seeds and case counts for property tests, read from the environment so a failing case
/// can be replayed exactly: `FORUM_PROPERTY_SEED` (decimal or 0x-hex) sets the base seed,
/// `FORUM_PROPERTY_CASES` the number of cases.
public enum PropertyEnvironment {
    /// The base seed: `FORUM_PROPERTY_SEED` when set and valid, else `fallback`.
    public static func seed(default fallback: UInt64) -> UInt64 {
        guard let text = ProcessInfo.processInfo.environment["FORUM_PROPERTY_SEED"] else { return fallback }
        let parsed = text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
        return parsed ?? fallback
    }

    /// The number of cases: `FORUM_PROPERTY_CASES` when a positive integer, else `fallback`.
    public static func cases(default fallback: Int) -> Int {
        guard let text = ProcessInfo.processInfo.environment["FORUM_PROPERTY_CASES"], let count = Int(text), count > 0 else {
            return fallback
        }
        return count
    }
}
