import SyncCore

/// Merges per second of records with ten fields, in three situations, against two baselines
/// measured in the same run (copying the same states' registers; encoding them as canonical
/// JSON), so figures from different machines can be compared by their ratios.
struct MergeBenchmark {
    let records: Int
    let repeats: Int

    static let fieldCount = 10
    private static let a = ReplicaID("dev-3f9a1c2b")!, b = ReplicaID("dev-a7c4e0d1")!

    /// One measured case: pairs of states and what is done to each pair.
    private struct Case {
        let name: String
        let pairs: [(RecordState, RecordState)]
        let work: (RecordState, RecordState) throws -> Int
    }

    func run() throws {
        let dominated = try makePairs { base, index in
            var newer = base
            try newer.write(["f1": .integer(Int64(index)), "f5": "ändrad", "f8": nil], by: Self.b, at: time(20))
            return (base, newer)
        }
        let concurrent = try makePairs { base, index in
            var x = base, y = base
            try x.write(["f0": 1, "f1": 2, "f2": .integer(Int64(index)), "f3": "x"], by: Self.a, at: time(20))
            try y.write(["f2": 7, "f3": "y", "f4": 4, "f5": 5, "f6": 6], by: Self.b, at: time(21))
            return (x, y)
        }
        let equal = try makePairs { base, _ in (base, base) }

        let merge: (RecordState, RecordState) throws -> Int = { try $0.merged(with: $1).fields.count }
        let cases = [
            Case(name: "merge, one side newer", pairs: dominated, work: merge),
            Case(name: "merge, concurrent", pairs: concurrent, work: merge),
            Case(name: "merge, equal states", pairs: equal, work: merge),
            Case(name: "baseline: copy registers", pairs: concurrent) { x, _ in
                var copy: [String: FieldRegister] = [:]
                copy.reserveCapacity(x.fields.count)
                for (name, register) in x.fields { copy[name] = FieldRegister(register.entries) }
                return copy.count + x.context.counters.count
            },
            Case(name: "baseline: canonical JSON encode", pairs: concurrent) { x, _ in x.canonicalJSON.count },
        ]

        print("forum-bench merge: \(records) records of \(Self.fieldCount) fields, median of \(repeats) runs")
        var medians: [(String, Double)] = []
        for benchmarkCase in cases {
            medians.append((benchmarkCase.name, try measure(benchmarkCase)))
        }
        let encode = medians.last?.1 ?? 1
        print(pad("case", 34) + pad("records/s", 14, right: true) + pad("ns/record", 12, right: true)
              + pad("vs encode", 11, right: true))
        for (name, seconds) in medians {
            let perSecond = Double(records) / seconds
            let nanos = seconds * 1e9 / Double(records)
            print(pad(name, 34) + pad(format(perSecond, 0), 14, right: true) + pad(format(nanos, 0), 12, right: true)
                  + pad(format(encode / seconds, 2) + "×", 11, right: true))
        }
    }

    /// Builds `records` pairs of states of distinct records; the second of each pair is read
    /// back from its canonical JSON, as a state arriving from the network would be.
    private func makePairs(_ make: (RecordState, Int) throws -> (RecordState, RecordState)) throws -> [(RecordState, RecordState)] {
        try (0..<records).map { index in
            var base = RecordState(collection: "honorarium", id: "rec-\(index)")
            var values: [String: JSONValue] = [:]
            for field in 0..<Self.fieldCount {
                values["f\(field)"] = field % 2 == 0 ? .integer(Int64(index * 10 + field)) : .string("värde \(field) för post \(index)")
            }
            try base.write(values, by: Self.a, at: time(0))
            let (x, y) = try make(base, index)
            return (x, try RecordState(jsonBytes: y.canonicalJSON))
        }
    }

    /// Median wall time of one pass over all pairs.
    private func measure(_ benchmarkCase: Case) throws -> Double {
        let clock = ContinuousClock()
        var samples: [Double] = []
        var checksum = 0
        for _ in 0..<repeats {
            let start = clock.now
            for (x, y) in benchmarkCase.pairs { checksum &+= try benchmarkCase.work(x, y) }
            let elapsed = clock.now - start
            samples.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        if checksum == Int.min { print("") } // keeps the work observable to the optimiser
        return samples.sorted()[samples.count / 2]
    }

    private func time(_ seconds: Int64) -> HybridTimestamp { HybridTimestamp(wallMillis: 1_764_000_000_000 + seconds * 1000) }
}

private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let padding = String(repeating: " ", count: max(0, width - text.count))
    return right ? padding + text : text + padding
}

private func format(_ value: Double, _ decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    if decimals == 0 { return String(Int(rounded)) }
    let whole = Int(rounded)
    let fraction = Int(((rounded - Double(whole)) * scale).rounded())
    let digits = String(fraction)
    return "\(whole)." + String(repeating: "0", count: max(0, decimals - digits.count)) + digits
}
