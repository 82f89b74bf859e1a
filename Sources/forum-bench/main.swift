// forum-bench: release-mode benchmarks for forum-sync. The first argument names the
// scenario; each prints its figures and a ratio against a baseline measured in the same run.
//
//   forum-bench merge [--records N] [--repeat K]
//   forum-bench store [--records N] [--large N] [--repeat K]

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
let usage = """
    usage: forum-bench <scenario> [options]
      merge [--records N] [--repeat K]              merges per second of 10-field records (default N=20000, K=7)
      store [--records N] [--large N] [--repeat K]  store merge vs raw INSERT, incremental merge at two store sizes
                                                    (default N=100000, large=1000000, K=5)
    """

do {
    switch arguments.first {
    case "merge":
        let options = try BenchOptions(Array(arguments.dropFirst()), defaults: ["records": 20_000, "repeat": 7])
        try MergeBenchmark(records: options["records"], repeats: options["repeat"]).run()
    case "store":
        let options = try BenchOptions(Array(arguments.dropFirst()),
                                       defaults: ["records": 100_000, "large": 1_000_000, "repeat": 5])
        try StoreBenchmark.run(.init(records: options["records"], repeats: options["repeat"], large: options["large"]))
    default:
        print(usage)
        exit(arguments.isEmpty || arguments.first == "--help" ? 0 : 2)
    }
} catch {
    print("forum-bench: \(error)\n\(usage)")
    exit(2)
}
