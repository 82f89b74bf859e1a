import Foundation

/// What every page of the app must satisfy, read from its HTML.
enum PageChecks {
    /// Problems found in `html`: no `lang`, a control without a label, an external URL.
    static func problems(_ html: String) -> [String] {
        var problems: [String] = []
        if html.range(of: #"<html lang="(sv|en)">"#, options: .regularExpression) == nil { problems.append("no lang on <html>") }
        for control in matches(#"<(input|select|textarea)\b[^>]*>"#, in: html) {
            if control.contains("type=\"hidden\"") { continue }
            guard let id = firstGroup(#"\bid="([^"]+)""#, in: control) else {
                problems.append("control without id: \(control)")
                continue
            }
            if !html.contains("for=\"\(id)\"") { problems.append("no label for \(id)") }
        }
        for url in matches(#"(src|href|action)="[^"]*""#, in: html) where url.contains("//") {
            problems.append("external URL: \(url)")
        }
        if html.contains("http://") || html.contains("https://") { problems.append("an http(s) URL in the page") }
        return problems
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range, in: text).map { String(text[$0]) }
        }
    }

    static func firstGroup(_ pattern: String, in text: String) -> String? {
        guard let expression = try? NSRegularExpression(pattern: pattern),
              let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let range = Range(match.range(at: 1), in: text) else { return nil }
        return String(text[range])
    }
}
