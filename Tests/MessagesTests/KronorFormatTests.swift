import Testing
import Messages

@Suite struct KronorFormatTests {
    @Test func swedishGroupsWithNoBreakSpaces() {
        #expect(KronorFormat.format(900, language: .sv) == "900\u{A0}kr")
        #expect(KronorFormat.format(12_500, language: .sv) == "12\u{A0}500\u{A0}kr")
        #expect(KronorFormat.format(1_234_567, language: .sv) == "1\u{A0}234\u{A0}567\u{A0}kr")
        #expect(KronorFormat.format(0, language: .sv) == "0\u{A0}kr")
    }

    @Test func englishUsesCodeAndCommas() {
        #expect(KronorFormat.format(900, language: .en) == "SEK 900")
        #expect(KronorFormat.format(12_500, language: .en) == "SEK 12,500")
        #expect(KronorFormat.format(100_000, language: .en) == "SEK 100,000")
    }

    @Test func negativeAmountsIncludingIntMinDoNotTrap() {
        #expect(KronorFormat.format(-900, language: .sv) == "-900\u{A0}kr")
        #expect(KronorFormat.format(-1_000, language: .en) == "SEK -1,000")
        #expect(KronorFormat.format(Int.min, language: .en) == "SEK -9,223,372,036,854,775,808")
    }
}
