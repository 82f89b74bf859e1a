import Foundation
import Testing
@testable import Messages

@Suite struct CatalogueTests {
    @Test func everyKeyHasNonEmptySwedishAndEnglish() {
        for entry in Catalogue.entries {
            #expect(!entry.sv.isEmpty, "\(entry.key) lacks Swedish")
            #expect(!entry.en.isEmpty, "\(entry.key) lacks English")
        }
    }

    @Test func bothTranslationsUseTheSamePlaceholders() {
        for entry in Catalogue.entries {
            #expect(Set(Catalogue.placeholders(in: entry.sv)) == Set(Catalogue.placeholders(in: entry.en)),
                    "\(entry.key) has different placeholders in sv and en")
        }
    }

    @Test func keysAreUniqueAndDotted() {
        var seen = Set<MessageKey>()
        for entry in Catalogue.entries {
            #expect(seen.insert(entry.key).inserted, "duplicate key \(entry.key)")
            let parts = entry.key.rawValue.split(separator: ".", omittingEmptySubsequences: false)
            #expect(parts.count >= 2 && parts.allSatisfy { !$0.isEmpty }, "\(entry.key) is not dotted")
        }
        #expect(Catalogue.standard.entriesByKey.count == Catalogue.entries.count)
    }

    @Test func substitutesPlaceholders() {
        let catalogue = Catalogue(entries: [.init("t.greet", sv: "Hej {name}, {n} nya", en: "Hi {name}, {n} new")])
        #expect(catalogue.text("t.greet", .sv, ["name": "Ada", "n": "3"]) == "Hej Ada, 3 nya")
        #expect(catalogue.text("t.greet", .en, ["name": "Ada", "n": "3"]) == "Hi Ada, 3 new")
    }

    @Test func leavesUnfilledPlaceholdersAndStrayBracesAlone() {
        let catalogue = Catalogue(entries: [.init("t.x", sv: "{a} {} {b c} {", en: "{a}}")])
        #expect(catalogue.text("t.x", .sv) == "{a} {} {b c} {")
        #expect(catalogue.text("t.x", .en, ["a": "1"]) == "1}")
    }

    @Test func doesNotSubstituteInsideInsertedValues() {
        let catalogue = Catalogue(entries: [.init("t.x", sv: "{a}{b}", en: "{a}{b}")])
        #expect(catalogue.text("t.x", .sv, ["a": "{b}", "b": "2"]) == "{b}2")
    }

    @Test func missingKeyReturnsTheKey() {
        #expect(Catalogue.standard.text("no.such.key", .sv) == "no.such.key")
    }

    @Test func firstOfDuplicateEntriesWins() {
        let catalogue = Catalogue(entries: [.init("t.x", sv: "ett", en: "one"), .init("t.x", sv: "två", en: "two")])
        #expect(catalogue.text("t.x", .sv) == "ett")
    }

    @Test func listsPlaceholdersInOrder() {
        #expect(Catalogue.placeholders(in: "{b} och {a_1} {b}") == ["b", "a_1", "b"])
        #expect(Catalogue.placeholders(in: "{ä} {}") == [])
    }

    /// Value names (`cli.value.*`) go between `<` and `>` in help, usage lines and errors:
    /// a short name with no brackets, no line break, no `|` (lists of values are built from
    /// the values), and no leading or trailing space.
    @Test func valueNamesFitBetweenAngleBrackets() {
        let values = Catalogue.entries.filter { $0.key.rawValue.hasPrefix("cli.value.") }
        #expect(values.count > 10)
        for entry in values {
            for text in [entry.sv, entry.en] {
                #expect(!text.contains { "<>|\n{}".contains($0) }, "\(entry.key): '\(text)'")
                #expect(text == text.trimmingCharacters(in: .whitespaces) && text.count <= 20, "\(entry.key): '\(text)'")
            }
        }
    }

    @Test func swedishHelpWordsAreSpelledOut() {
        let sv = Localizer(language: .sv)
        #expect(sv["cli.help.options"] == "ALTERNATIV:")
        #expect(sv["cli.help.overview"] == "ÖVERSIKT:")
        #expect(sv["cli.error.see_help", ["command": "forum sync"]] == "Se 'forum sync --help'.")
    }
}
