import Foundation

/// The known names closest to a mistyped one, for "did you mean" answers (an unknown
/// municipality at `device add`, a mistyped command).
public enum NearestNames {
    /// Up to `limit` names from `candidates` nearest to `text`: compared without case and
    /// diacritics by edit distance, nearest first, then in byte order; only names within
    /// a third of the longer length (at least 2 edits) are offered.
    public static func nearest(to text: String, in candidates: some Collection<String>, limit: Int = 3) -> [String] {
        let key = fold(text)
        let scored = candidates.compactMap { name -> (Int, String)? in
            let other = fold(name)
            let distance = editDistance(key, other)
            return distance <= max(2, max(key.count, other.count) / 3) ? (distance, name) : nil
        }
        return scored.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1.utf8.lexicographicallyPrecedes($1.1.utf8) }
            .prefix(limit).map(\.1)
    }

    static func fold(_ text: String) -> [Character] {
        Array(text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil))
    }

    /// Levenshtein distance, O(n·m) time and O(m) memory.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
