/// The command a mistyped name most likely meant, for "did you mean" answers.
///
/// Distance is the optimal string alignment distance (Levenshtein with adjacent
/// transpositions, so `sycn` is one edit from `sync`), without case. A name is offered
/// only within a third of the longer length, at least 2 edits; ties go to the command
/// declared first. ForumModel's `NearestNames` does the same for municipalities; this
/// module sits below it and keeps its own copy of the small algorithm.
enum NearestCommand {
    /// The nearest of `candidates` to `typed`, or `nil` when none is near enough.
    static func nearest(to typed: String, in candidates: [String]) -> String? {
        let key = Array(typed.lowercased())
        var best: (distance: Int, name: String)?
        for name in candidates {
            let other = Array(name.lowercased())
            let d = distance(key, other)
            guard d <= max(2, max(key.count, other.count) / 3) else { continue }
            if best == nil || d < best?.distance ?? .max { best = (d, name) }
        }
        return best?.name
    }

    /// Optimal string alignment distance, O(n·m) time and memory.
    /// - Complexity: names are command words, a few characters long.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
