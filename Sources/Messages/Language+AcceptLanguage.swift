extension Language {
    /// Chooses the dashboard language from an HTTP `Accept-Language` header.
    ///
    /// Each language range may carry a quality (`en-GB;q=0.8`); the supported language
    /// with the highest quality wins, and on equal quality the one listed first. `*`
    /// stands for every language not named explicitly; `q=0` rules a language out.
    /// Malformed entries are skipped. When neither Swedish nor English is acceptable, or
    /// the header is missing, `default` is returned.
    ///
    /// - Parameters:
    ///   - header: The header value, or `nil` when the request had none.
    ///   - default: The fallback; Swedish, as the service is Swedish first.
    public static func fromAcceptLanguage(_ header: String?, default fallback: Language = .sv) -> Language {
        guard let header else { return fallback }
        var explicit: [Language: (quality: Double, position: Int)] = [:]
        var wildcard: (quality: Double, position: Int)? = nil

        for (position, entry) in header.split(separator: ",").enumerated() {
            let parts = entry.split(separator: ";", omittingEmptySubsequences: false)
            let range = parts[0].trimmingASCIISpaces()
            guard !range.isEmpty else { continue }
            var quality = 1.0
            var valid = true
            for parameter in parts.dropFirst() {
                let pair = parameter.trimmingASCIISpaces()
                guard pair.lowercased().hasPrefix("q=") else { continue }
                guard let value = Double(pair.dropFirst(2)), value >= 0, value <= 1 else {
                    valid = false
                    break
                }
                quality = value
            }
            guard valid else { continue }
            if range == "*" {
                if wildcard == nil { wildcard = (quality, position) }
                continue
            }
            let language = Language(tag: range)
            // Only a range whose primary subtag is really `en` counts for English;
            // `Language(tag:)` maps every non-Swedish tag to English.
            let primary = range.prefix { $0 != "-" && $0 != "_" }.lowercased()
            guard primary == language.rawValue else { continue }
            if let known = explicit[language], known.quality >= quality { continue }
            explicit[language] = (quality, explicit[language]?.position ?? position)
        }

        var best: (language: Language, quality: Double, position: Int)? = nil
        for language in [fallback] + Language.allCases.filter({ $0 != fallback }) {
            guard let candidate = explicit[language] ?? wildcard, candidate.quality > 0 else { continue }
            if let current = best {
                let better = candidate.quality > current.quality
                    || (candidate.quality == current.quality && candidate.position < current.position)
                guard better else { continue }
            }
            best = (language, candidate.quality, candidate.position)
        }
        return best?.language ?? fallback
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (HTTP optional whitespace).
    func trimmingASCIISpaces() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
