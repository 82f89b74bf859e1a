import Foundation
import SyncCore

/// Decoding record states from JSON: the tree path (`JSONParser` builds a `JSONValue` tree,
/// `RecordState(json:)` walks it) against the direct path (`RecordState(jsonBytes:)`, which
/// decodes straight from the bytes), on realistic records of the forum corpus, one state at
/// a time (as the store reads them) and as one pull page of `page` records (as the client
/// reads them). Both paths are measured in the same run, so the ratio is what compares.
struct DecodeBenchmark {
    let records: Int
    let pageSize: Int
    let repeats: Int

    private static let replica = ReplicaID("dev-3f9a1c2b")!

    func run() throws {
        let corpus = ForumCorpus(records: records, municipalities: ["Norrtälje", "Sigtuna", "Vallentuna"], key: "decode")
        let states = corpus.states(0..<records, replica: Self.replica)
        let documents = states.map(\.canonicalJSON)
        let pages = stride(from: 0, to: records, by: pageSize).map { start in
            Self.page(states[start..<min(records, start + pageSize)], cursor: String(start + pageSize))
        }
        try check(documents: documents, states: states, pages: pages)

        let bytes = documents.reduce(0) { $0 + $1.count }
        let fields = states.reduce(0) { $0 + $1.fields.count }
        print("forum-bench decode: \(records) corpus records (\(fields / records) fields, \(bytes / records) bytes on average), "
              + "pages of \(pageSize), median of \(repeats) runs, load \(Timing.loadAverage())")
        let cases: [(name: String, work: () throws -> Void)] = [
            ("record: tree (JSONParser + init(json:))", {
                for document in documents { _ = try RecordState(json: try JSONParser().parse(document)) }
            }),
            ("record: direct (init(jsonBytes:))", { for document in documents { _ = try RecordState(jsonBytes: document) } }),
            ("page of \(pageSize): tree (JSONParser + init(json:))", {
                for page in pages {
                    for item in try JSONParser().parse(page)["records"]?.arrayValue ?? [] { _ = try RecordState(json: item) }
                }
            }),
            ("page of \(pageSize): direct (RecordBatch)", { for page in pages { _ = RecordBatch(jsonBytes: page)?.records.count } }),
            ("baseline: canonical JSON encode", { for state in states { _ = state.canonicalJSON } }),
        ]
        // Cases take turns within each repeat, so a change of load on the shared machine
        // hits them alike; CPU time is the steadier figure there.
        var samples = Array(repeating: [StoreBenchmark.Timing](), count: cases.count)
        for _ in 0..<repeats {
            for (index, benchmarkCase) in cases.enumerated() { samples[index].append(try StoreBenchmark.measureThrowing(benchmarkCase.work)) }
        }
        let medians = samples.map { (wall: StoreBenchmark.median($0.map(\.wall)), cpu: StoreBenchmark.median($0.map(\.cpu))) }
        print("case".padding(toLength: 46, withPad: " ", startingAt: 0) + "  wall µs/rec   CPU µs/rec   tree/direct (CPU)")
        for (index, benchmarkCase) in cases.enumerated() {
            // Direct cases follow their tree case.
            let ratio = benchmarkCase.name.contains("direct") ? String(format: "%16.2f×", medians[index - 1].cpu / medians[index].cpu) : ""
            print(benchmarkCase.name.padding(toLength: 46, withPad: " ", startingAt: 0)
                  + String(format: "%13.2f%13.2f", medians[index].wall * 1e6 / Double(records), medians[index].cpu * 1e6 / Double(records))
                  + ratio)
        }
    }

    /// A pull page as the server writes it.
    static func page(_ states: ArraySlice<RecordState>, cursor: String) -> [UInt8] {
        var body = Array(#"{"records":["#.utf8)
        for (index, state) in states.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            state.writeCanonicalJSON(into: &body)
        }
        body.append(contentsOf: Array(#"],"cursor":"\#(cursor)","more":true}"#.utf8))
        return body
    }

    /// Both paths must give the corpus states back before either is timed.
    private func check(documents: [[UInt8]], states: [RecordState], pages: [[UInt8]]) throws {
        for (document, state) in zip(documents, states) {
            guard try RecordState(jsonBytes: document) == state, try RecordState(json: try JSONParser().parse(document)) == state else {
                throw BenchOptions.Failure(description: "a decoded state differs from the encoded one")
            }
        }
        guard pages.flatMap({ RecordBatch(jsonBytes: $0)?.records ?? [] }) == states else {
            throw BenchOptions.Failure(description: "a decoded page differs from the encoded states")
        }
    }
}
