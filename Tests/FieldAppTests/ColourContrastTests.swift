import Foundation
import Testing
import WebPage
@testable import FieldApp

/// Every pair of text and background colours the app's and the dashboard's style sheets
/// use for text meets WCAG 2.1 AA: a contrast ratio of at least 4.5:1 (success criterion
/// 1.4.3), computed from the colours declared in the style sheets themselves.
@Suite struct ColourContrastTests {
    /// The colour a style sheet gives `name`: a `--name:#rrggbb` variable, or a literal `#rrggbb`.
    static func colour(_ name: String, in css: String) throws -> (Double, Double, Double) {
        var hex = name
        if name.hasPrefix("--") {
            let range = try #require(css.range(of: name + ":#"), "\(name) is not declared")
            hex = String(css[range.upperBound...].prefix { $0.isHexDigit })
        }
        hex = hex.trimmingCharacters(in: CharacterSet(charactersIn: "#"))
        if hex.count == 3 { hex = hex.map { "\($0)\($0)" }.joined() }
        let value = try #require(Int(hex, radix: 16), "\(name) is not a #rrggbb colour")
        return (Double((value >> 16) & 0xFF), Double((value >> 8) & 0xFF), Double(value & 0xFF))
    }

    /// WCAG relative luminance of an sRGB colour.
    static func luminance(_ rgb: (Double, Double, Double)) -> Double {
        func channel(_ c: Double) -> Double {
            let s = c / 255
            return s <= 0.039_28 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(rgb.0) + 0.7152 * channel(rgb.1) + 0.0722 * channel(rgb.2)
    }

    static func ratio(_ a: (Double, Double, Double), _ b: (Double, Double, Double)) -> Double {
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    /// The text/background pairs the style sheets use, as they are written there.
    static let pairs: [(text: String, background: String, where: String)] = [
        ("--fg", "--bg", "body text"),
        ("--muted", "--bg", "secondary text, tags"),
        ("--muted", "--soft", "secondary text on table heads and notices"),
        ("--fg", "--soft", "minutes and notices"),
        ("--accent", "--bg", "links and secondary buttons"),
        ("#fff", "--accent", "buttons"),
        ("#fff", "#102a43", "the header bar"),
        ("--bad", "#fdecec", "error notices"),
        ("--bad", "--bg", "refusals"),
        ("--warn", "--bg", "warnings"),
        ("#5c2b00", "#fff4e5", "the offline banner"),
    ]

    @Test func everyTextColourPairMeetsAA() throws {
        let css = AppStyle.css
        for pair in Self.pairs {
            #expect(css.contains(pair.text) && css.contains(pair.background), "\(pair.where): not in the style sheet")
            let ratio = Self.ratio(try Self.colour(pair.text, in: css), try Self.colour(pair.background, in: css))
            #expect(ratio >= 4.5, "\(pair.where): \(pair.text) on \(pair.background) is \(String(format: "%.2f", ratio)):1")
        }
    }

    @Test func theRatioIsWCAGs() {
        // Black on white is 21:1, and a colour on itself 1:1.
        #expect(abs(Self.ratio((0, 0, 0), (255, 255, 255)) - 21) < 0.001)
        #expect(abs(Self.ratio((11, 87, 164), (11, 87, 164)) - 1) < 0.001)
        // #777 on white is the textbook near miss: 4.48:1.
        #expect(Self.ratio((119, 119, 119), (255, 255, 255)) < 4.5)
    }
}
