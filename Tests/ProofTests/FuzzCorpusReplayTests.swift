import Foundation
import SyncCore
import SyncProtocol
import Testing
@testable import SyncServer

/// Replays the checked-in fuzz corpora in the normal test suite, with the fuzz entries'
/// own checks: a crash input saved to `Tests/Fuzz/corpus/merge/` becomes a regression test
/// here without libFuzzer.
@Suite struct FuzzCorpusReplayTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/corpus")

    static func inputs(_ name: String) -> [[UInt8]] {
        let directory = corpus.appendingPathComponent(name)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.sorted().compactMap { FileManager.default.contents(atPath: directory.appendingPathComponent($0).path) }
            .map { [UInt8]($0) }
    }

    @Test func mergeCorpusStatesMergeCommutativelyAssociativelyAndIdempotently() throws {
        let inputs = Self.inputs("merge").filter { $0.first == UInt8(ascii: "{") }
        #expect(inputs.count >= 30)
        for input in inputs {
            let states = input.split(separator: 0).prefix(3).compactMap { try? RecordState(jsonBytes: $0) }
            guard states.count >= 2, states.allSatisfy({ $0.collection == states[0].collection && $0.id == states[0].id }) else { continue }
            let (a, b) = (states[0], states[1])
            let ab = try a.merged(with: b)
            #expect(ab.canonicalJSON == (try b.merged(with: a)).canonicalJSON)
            #expect((try a.merged(with: a)).canonicalJSON == a.canonicalJSON)
            #expect((try ab.merged(with: b)).canonicalJSON == ab.canonicalJSON)
            if states.count == 3 {
                let c = states[2]
                #expect((try ab.merged(with: c)).canonicalJSON == (try a.merged(with: try b.merged(with: c))).canonicalJSON)
            }
        }
    }

    @Test func corpusInputsDecodeAlikeDirectlyAndThroughTheTree() throws {
        var states = 0
        for input in Self.inputs("merge") + Self.inputs("push") {
            for part in [input] + input.split(separator: 0).map({ Array($0) }) {
                let tree = try? RecordState(json: JSONParser().parse(part))
                #expect((try? RecordState(jsonBytes: part)) == tree)
                if tree != nil { states += 1 }
            }
            if let batch = RecordBatch(jsonBytes: input) {
                let items = try #require(try JSONParser().parse(input)["records"]?.arrayValue)
                #expect(batch.records == items.compactMap { try? RecordState(json: $0) })
            }
        }
        #expect(states >= 30)
    }

    @Test func pushCorpusBodiesDecodeOrFailWithADocumentedCode() throws {
        let inputs = Self.inputs("push")
        #expect(inputs.count >= 10)
        let documented: Set<WireErrorCode> = [.invalidRequest, .invalidRecord, .invalidCollection, .invalidRecordID,
                                              .invalidFieldName, .reservedField, .invalidReplicaID, .invalidDot,
                                              .dotNotInContext, .duplicateDot, .tooManyFields, .tooManyEntries,
                                              .valueTooLarge, .tooManyRecords, .unknownCollection]
        var accepted = 0
        for input in inputs {
            guard let json = try? JSONParser().parse(input) else { continue }
            do {
                let request = try PushRequest(json: json, limits: PushRequest.Limits(),
                                              collections: ["forum", "participant", "attendance", "honorarium"])
                for state in request.records { #expect((try? RecordState(jsonBytes: state.canonicalJSON)) == state) }
                accepted += 1
            } catch {
                #expect(error.known.map(documented.contains) == true)
            }
        }
        #expect(accepted > 0)
    }
}
