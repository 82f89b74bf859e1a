import Foundation
import Testing
@testable import ForumModel

/// PROTOCOL.md part two is the schema's own text: the document cannot drift from what the
/// server enforces. To update the document after changing `ForumSchema`, run the tests with
/// `FORUM_WRITE_PROTOCOL=1`, which writes the tables into it.
@Suite struct ProtocolDomainSectionTests {
    static let document = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Protocol/PROTOCOL.md")

    @Test func theDocumentsCollectionTablesAreTheSchemas() throws {
        let text = try String(contentsOf: Self.document, encoding: .utf8)
        let begin = "<!-- schema:begin -->\n", end = "<!-- schema:end -->"
        let start = try #require(text.range(of: begin)), stop = try #require(text.range(of: end))
        let current = String(text[start.upperBound..<stop.lowerBound])
        if ProcessInfo.processInfo.environment["FORUM_WRITE_PROTOCOL"] == "1", current != ForumSchema.protocolTables {
            let updated = String(text[..<start.upperBound]) + ForumSchema.protocolTables + String(text[stop.lowerBound...])
            try updated.write(to: Self.document, atomically: true, encoding: .utf8)
            return
        }
        #expect(current == ForumSchema.protocolTables)
    }

    @Test func everyCollectionAndFieldIsDeclaredOnceAndEveryReferenceResolves() {
        #expect(Set(ForumSchema.collections.map(\.name)).count == ForumSchema.collections.count)
        for spec in ForumSchema.collections {
            #expect(Set(spec.fields.map(\.name)).count == spec.fields.count)
            for reference in spec.references {
                #expect(ForumSchema.collection(reference.collection) != nil)
                // Declared before its referrers: a client re-offering records after a restore
                // sends them in declaration order, parents first.
                let position = ForumSchema.collections.firstIndex { $0.name == reference.collection } ?? .max
                #expect(position < (ForumSchema.collections.firstIndex { $0.name == spec.name } ?? 0))
            }
            for name in spec.naturalKey ?? [] { #expect(spec.field(name)?.required == true) }
        }
        #expect(Participant.Field.personal == ["displayName", "association", "contact"])
    }

    @Test func anUnknownCollectionIsNeverReadAsAnHonorariumAndAnUnknownFieldIsRefused() throws {
        guard case .failure(let error) = ForumRules.validate(Fixture.make("survey", "s1", ["answer": "ja"])) else {
            Issue.record("expected a refusal"); return
        }
        #expect(error.code == .unknownCollection)
        let forum = Fixture.make("forum", "f-x", ["titel": "x"])
        guard case .failure(let field) = ForumRules.validate(forum) else { Issue.record("expected a refusal"); return }
        #expect(field.code == .unknownField)
    }
}
