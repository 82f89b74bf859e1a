import Foundation

/// A small deterministic pseudo-random generator (SplitMix64), so a failing random test can be
/// replayed exactly from its printed seed on every platform.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    /// Creates a generator; equal seeds give equal sequences.
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound` (bound > 0).
    mutating func below(_ bound: Int) -> Int { Int(next(upperBound: UInt64(bound))) }

    /// `true` with probability `percent`/100.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    /// A random element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Reads a positive integer from the environment, for raising case counts on long runs.
func environmentInteger(_ name: String, default value: Int) -> Int {
    guard let text = ProcessInfo.processInfo.environment[name], let number = Int(text), number > 0 else { return value }
    return number
}

/// Reads an unsigned seed from the environment (decimal or 0x-hex).
func environmentSeed(_ name: String) -> UInt64? {
    guard let text = ProcessInfo.processInfo.environment[name] else { return nil }
    if text.hasPrefix("0x") { return UInt64(text.dropFirst(2), radix: 16) }
    return UInt64(text)
}
