/// `--name value` integer options of a benchmark scenario, with defaults.
struct BenchOptions {
    struct Failure: Error, CustomStringConvertible { let description: String }

    private var values: [String: Int]

    /// Parses `--name N` pairs; every name must be one of `defaults`' keys, every N positive
    /// (or zero, for the names in `zeroAllowed`).
    init(_ arguments: [String], defaults: [String: Int], zeroAllowed: Set<String> = ["group-commit"]) throws {
        values = defaults
        var index = 0
        while index < arguments.count {
            let flag = arguments[index]
            guard flag.hasPrefix("--"), defaults[String(flag.dropFirst(2))] != nil else {
                throw Failure(description: "unknown option \(flag)")
            }
            guard index + 1 < arguments.count, let number = Int(arguments[index + 1]),
                  number > 0 || (number == 0 && zeroAllowed.contains(String(flag.dropFirst(2)))) else {
                throw Failure(description: "\(flag) needs a positive integer")
            }
            values[String(flag.dropFirst(2))] = number
            index += 2
        }
    }

    subscript(name: String) -> Int { values[name] ?? 0 }
}
