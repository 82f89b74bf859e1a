@testable import ForumModel

import Foundation
import Testing
import TestSupport

@Suite struct FieldReaderTests {
    /// `isBlank` replaces trimming for speed; it must answer exactly as trimming would.
    @Test func blankMeansWhatTrimmingWhiteSpaceAndNewlinesWouldEmpty() {
        let samples = ["", " ", "\t\n\r", "\u{00A0}", "\u{2003}\u{3000}", "\u{0085}", "\u{2028}", "\u{200B}", "a", " a ",
                       "Anna", "\u{FEFF}", "\u{1F600}", " \u{0301}", "\u{000B}\u{000C}"]
        for text in samples {
            #expect(FieldReader.isBlank(text) == text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                    "scalars \(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        var random = SeededGenerator(seed: 7)
        let alphabet: [Unicode.Scalar] = [" ", "\t", "\n", "\u{00A0}", "\u{2009}", "\u{200B}", "x", "å", "\u{0085}", "\u{1680}"]
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...4, using: &random)
            var text = ""
            for _ in 0..<length { text.unicodeScalars.append(alphabet.randomElement(using: &random) ?? " ") }
            #expect(FieldReader.isBlank(text) == text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        }
    }
}
