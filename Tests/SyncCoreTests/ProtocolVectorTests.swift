import Foundation
import Testing
@testable import SyncCore

/// Runs every test vector in `Protocol/vectors` (the protocol's executable specification).
/// A vector added to the folder is picked up with no code change.
@Suite struct ProtocolVectorTests {
    static let folder: URL = {
        // Tests/SyncCoreTests/ProtocolVectorTests.swift → package root.
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Protocol/vectors")
    }()

    static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }()

    @Test func theFolderHoldsAtLeastThirtyVectors() {
        #expect(Self.files.count >= 30, "found \(Self.files.count) vectors in \(Self.folder.path)")
    }

    @Test(arguments: files)
    func vectorHolds(_ file: String) throws {
        let bytes = try Data(contentsOf: Self.folder.appendingPathComponent(file))
        let vector = try ProtocolVector(json: try JSONParser().parse(Array(bytes)))
        #expect(vector.name + ".json" == file, "the name member matches the file name")

        // The merge of the inputs, in every order, is byte-identical to `merged`.
        var merged: RecordState?
        for order in permutations(of: Array(vector.inputs.indices)) {
            var state = vector.inputs[order[0]]
            for index in order.dropFirst() { try state.merge(vector.inputs[index]) }
            #expect(state.canonicalText == vector.mergedText, "order \(order) of \(file)")
            merged = state
        }

        // Steps run on the merge, each optionally checked.
        var state = try #require(merged)
        for (index, step) in vector.steps.enumerated() {
            try step.apply(to: &state, file: file, index: index)
        }
        #expect(state.canonicalText == vector.expectedText, "\(file): final state")

        // What a user sees.
        #expect(state.visibleValues == vector.visible, "\(file): visible values")
        #expect(state.isDeleted == vector.deleted, "\(file): deleted flag")
        #expect(ProtocolVector.conflictsJSON(state) == vector.conflicts, "\(file): conflicts")

        // The result has seen every input, so merging any input again changes nothing —
        // unless a step reset the state to the server's, which forgets a refused write by design.
        // (So does a forget, and a pulled state that replaces a tombstone whose delete was purged.)
        let resets = vector.steps.contains { ["reset", "forget", "pull"].contains($0.json["op"]?.stringValue ?? "") }
        for input in vector.inputs where !resets {
            #expect(try state.merged(with: input).canonicalText == vector.expectedText, "\(file): absorbs inputs")
        }
    }
}

/// All orderings of `items` (at most 3! here).
func permutations<T>(of items: [T]) -> [[T]] {
    guard items.count > 1 else { return [items] }
    var result: [[T]] = []
    for index in items.indices {
        var rest = items
        let first = rest.remove(at: index)
        for tail in permutations(of: rest) { result.append([first] + tail) }
    }
    return result
}

extension RecordState {
    /// Canonical JSON as text, for readable failure messages.
    var canonicalText: String { String(decoding: canonicalJSON, as: UTF8.self) }
}
