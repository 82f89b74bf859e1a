// forum-bench: release-mode benchmarks for forum-sync. The first argument names the
// scenario; each prints its figures and a ratio against a baseline measured in the same run.
//
//   forum-bench merge [--records N] [--repeat K]
//   forum-bench store [--records N] [--large N] [--repeat K]
//   forum-bench decode [--records N] [--page P] [--repeat K]
//   forum-bench localwrite [--records N] [--repeat K] [--batch B] [--single S] [--import I]
//   forum-bench initial|push|incremental|devices|memory [options]   (load benchmarks, BENCHMARKS.md)

import FieldClient

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SyncServer

let arguments = Array(CommandLine.arguments.dropFirst())
let usage = """
    usage: forum-bench <scenario> [options]
      merge [--records N] [--repeat K]              merges per second of 10-field records (default N=20000, K=7)
      store [--records N] [--large N] [--repeat K]  store merge vs raw INSERT, incremental merge at two store sizes
                                                    (default N=100000, large=1000000, K=5)
      decode [--records N] [--page P] [--repeat K]  record states decoded from JSON, tree path vs direct path,
                                                    one by one and as pull pages (default N=20000, P=1000, K=7)
      localwrite [--records N] [--repeat K] [--batch B] [--single S] [--import I]
                                                    N records through LocalReplica.write (rules checked), B records
                                                    per transaction, vs raw INSERT; S records written one by one,
                                                    each committed on return; I records re-applied as forum import
                                                    does (default N=100000, K=3, B=1000, S=2000, I=10000)
      initial [--small N] [--large N] [--repeat K] [--page P] [--transaction T] [--prefetch F]
                                                    a fresh replica pulls N records over loopback HTTP vs raw INSERT
                                                    (default 10000 and 100000, K=3; T: records stored per transaction,
                                                    F: pages fetched ahead; defaults: the client's configuration)
      push [--small N] [--large N] [--repeat K]     a replica pushes N local records vs raw INSERT (same defaults)
      storing [--records N] [--repeat K] [--carry N]  the server's storing alone (importStates, as push prints it);
                                                    --carry: SyncServerConfiguration.lookupCarryCapacity (default: the server's)
                                                    vs raw INSERT, alternating (default N=100000, K=3)
      incremental [--small N] [--medium N] [--large N] [--repeat K]
                                                    10 changed records synced against stores of three sizes
                                                    (default 10000, 100000, 1000000, K=15), each timed with the
                                                    database files as the fill left them, then cached; with the
                                                    KiB read from disk per sync
      devices [--seconds S] [--devices N] [--writes W] [--group-commit 0|1|2] [--full-sync 0|1] [--window-us U]
                                                    closed loop: N devices (default 50, then 200) writing W records
                                                    (default 3), pushing and pulling for S seconds (default 30),
                                                    convergence check; server group commit off (0), on (1) or
                                                    both in the same run (2, the default); server commits
                                                    synced to disk (1, the default) or synchronous=normal (0);
                                                    U: group commit's window in microseconds (default 0)
      devices-open [--devices N] [--interval I] [--seconds S] [--writes W] [--group-commit 0|1|2] [--full-sync 0|1]
                                                    open loop: N devices (default 300) each writing W records (3) and
                                                    syncing every I seconds (10) for S seconds (60); p50/p99 latency
                                                    from each sync's scheduled start; group commit on by default (1)
      memory [--small N] [--large N]                peak RSS of client and server (separate processes) pulling N records
      transport [--requests N] [--delay MS] [--size B] [--transport-only 1]
                                                    client wall and CPU per POST by body size and URLSession variant,
                                                    and through HTTPSyncTransport (libcurl) on a reused and a new
                                                    connection, server answering after MS ms (default N=20, MS=50;
                                                    sizes 16, 60, 256, 1024, 4096 KiB, or only B bytes)
    """

/// `--group-commit N`: 0 off, 1 on, 2 (or more) both, off first.
func groupCommitModes(_ value: Int) -> [Bool] {
    switch value {
    case 0: [false]
    case 1: [true]
    default: [false, true]
    }
}

do {
    switch arguments.first {
    case "merge":
        let options = try BenchOptions(Array(arguments.dropFirst()), defaults: ["records": 20_000, "repeat": 7])
        try MergeBenchmark(records: options["records"], repeats: options["repeat"]).run()
    case "store":
        let options = try BenchOptions(Array(arguments.dropFirst()),
                                       defaults: ["records": 100_000, "large": 1_000_000, "repeat": 5])
        try StoreBenchmark.run(.init(records: options["records"], repeats: options["repeat"], large: options["large"]))
    case "decode":
        let options = try BenchOptions(Array(arguments.dropFirst()), defaults: ["records": 20_000, "page": 1_000, "repeat": 7])
        try DecodeBenchmark(records: options["records"], pageSize: options["page"], repeats: options["repeat"]).run()
    case "localwrite":
        let options = try BenchOptions(Array(arguments.dropFirst()),
                                       defaults: ["records": 100_000, "repeat": 3, "batch": 1000, "single": 2000,
                                                  "import": 10_000])
        try LocalWriteBenchmark.run(records: options["records"], repeats: options["repeat"], batch: options["batch"],
                                    single: options["single"], importRecords: options["import"])
    case "initial", "push":
        let options = try BenchOptions(Array(arguments.dropFirst()),
                                       defaults: ["small": 10_000, "large": 100_000, "repeat": 3, "page": 1000,
                                                  "transaction": ClientConfiguration().pullRecordsPerTransaction,
                                                  "prefetch": ClientConfiguration().pullPrefetchPages])
        let sizes = [options["small"], options["large"]]
        if arguments.first == "initial" {
            try SyncBenchmark.initial(sizes: sizes, repeats: options["repeat"], pageSize: options["page"],
                                      recordsPerTransaction: options["transaction"], prefetchPages: options["prefetch"])
        } else {
            try SyncBenchmark.push(sizes: sizes, repeats: options["repeat"])
        }
    case "storing":
        let options = try BenchOptions(Array(arguments.dropFirst()),
                                       defaults: ["records": 100_000, "repeat": 3,
                                                  "carry": SyncServerConfiguration().lookupCarryCapacity],
                                       zeroAllowed: ["carry"])
        try SyncBenchmark.storing(records: options["records"], repeats: options["repeat"], carry: options["carry"])
    case "incremental":
        let options = try BenchOptions(Array(arguments.dropFirst()),
                                       defaults: ["small": 10_000, "medium": 100_000, "large": 1_000_000, "repeat": 15])
        try IncrementalBenchmark.run(sizes: [options["small"], options["medium"], options["large"]], repeats: options["repeat"])
    case "devices":
        let options = try BenchOptions(Array(arguments.dropFirst()),
                                       defaults: ["seconds": 30, "devices": 0, "writes": 3, "group-commit": 2, "full-sync": 1,
                                                  "window-us": 0], zeroAllowed: ["group-commit", "full-sync", "window-us"])
        let counts = options["devices"] > 0 ? [options["devices"]] : [50, 200]
        try DevicesBenchmark.run(deviceCounts: counts, seconds: options["seconds"], writesPerRound: options["writes"],
                                 groupCommit: groupCommitModes(options["group-commit"]),
                                 synchronous: options["full-sync"] == 0 ? .normal : .full,
                                 windowMicroseconds: options["window-us"])
    case "devices-open":
        let options = try BenchOptions(Array(arguments.dropFirst()),
                                       defaults: ["seconds": 60, "devices": 300, "interval": 10, "writes": 3, "group-commit": 1,
                                                  "full-sync": 1], zeroAllowed: ["group-commit", "full-sync"])
        try DevicesBenchmark.openLoop(devices: options["devices"], interval: options["interval"], seconds: options["seconds"],
                                      writesPerRound: options["writes"], groupCommit: groupCommitModes(options["group-commit"]),
                                      synchronous: options["full-sync"] == 0 ? .normal : .full)
    case "memory":
        let options = try BenchOptions(Array(arguments.dropFirst()), defaults: ["small": 10_000, "large": 100_000])
        try MemoryBenchmark.run(sizes: [options["small"], options["large"]])
    case "transport":
        let options = try BenchOptions(Array(arguments.dropFirst()),
                                       defaults: ["requests": 20, "delay": 50, "size": 0, "transport-only": 0])
        try TransportBenchmark.run(requests: options["requests"], delayMillis: options["delay"], size: options["size"],
                                   transportOnly: options["transport-only"] != 0)
    case "memory-server" where arguments.count == 3:
        try MemoryBenchmark.serve(directory: arguments[1], portFile: arguments[2])
    case "memory-client" where arguments.count == 5:
        try MemoryBenchmark.pull(url: arguments[1], token: arguments[2], replica: arguments[3], directory: arguments[4])
    default:
        print(usage)
        exit(arguments.isEmpty || arguments.first == "--help" ? 0 : 2)
    }
} catch {
    print("forum-bench: \(error)\n\(usage)")
    exit(2)
}
