// forum-bench: micro-benchmarks for forum-sync. The first argument names the scenario, so
// more can be added without changing how existing ones are run.
//
//   forum-bench merge [--records N] [--repeat K]

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
let usage = """
    usage: forum-bench <scenario> [options]
      merge [--records N] [--repeat K]   merges per second of 10-field records (default N=20000, K=7)
    """

switch arguments.first {
case "merge":
    do {
        let options = try BenchOptions(Array(arguments.dropFirst()), defaults: ["records": 20_000, "repeat": 7])
        try MergeBenchmark(records: options["records"], repeats: options["repeat"]).run()
    } catch {
        print("forum-bench: \(error)\n\(usage)")
        exit(2)
    }
default:
    print(usage)
    exit(arguments.isEmpty || arguments.first == "--help" ? 0 : 2)
}
