// forum-bench: release-mode benchmarks. Each scenario prints its figures and a ratio
// against a baseline measured in the same run.
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> Int? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return Int(arguments[index + 1])
}

switch arguments.first {
case "store":
    var options = StoreBenchmark.Options()
    options.records = option("--records") ?? options.records
    options.repeats = option("--repeat") ?? options.repeats
    options.large = option("--large") ?? options.large
    do { try StoreBenchmark.run(options) } catch {
        FileHandle.standardError.write(Data("forum-bench: \(error)\n".utf8))
        exit(1)
    }
default:
    print("usage: forum-bench store [--records N] [--large N] [--repeat K]")
    exit(arguments.isEmpty || arguments.first == "--help" ? 0 : 64)
}
