import SyncCore

/// The names by which an anonymous participant could be named in free text, and where
/// a text names them: for the minutes warning and for redaction, so both match alike.
public enum AnonymousNames {
    /// Shortest name or token matched, in characters: shorter ones would match inside
    /// ordinary words. Default 3.
    public static let minimumLength = 3

    /// Every identifying text the participant's record holds (all entries, conflicting
    /// ones included) and each of its words: "Anna Berg" gives "Anna Berg", "Anna" and
    /// "Berg". Longest first, so a full name is replaced before its parts. Names that were
    /// overwritten are not kept in any record and cannot be matched.
    public static func tokens(of participant: RecordState) -> [String] {
        var names = Set<String>()
        for field in Participant.Field.personal {
            for entry in participant.fields[field]?.entries ?? [] {
                guard let text = entry.value.stringValue, text != Participant.erasedName else { continue }
                if text.count >= minimumLength { names.insert(text) }
                for word in text.split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == "@" })
                    where word.count >= minimumLength {
                    names.insert(String(word))
                }
            }
        }
        return names.sorted { ($0.count, $0) > ($1.count, $1) }
    }

    /// The anonymous attendees of `forumID` that `text` names, by any of their `tokens`,
    /// ignoring case and diacritics, as whole words. Sorted by id.
    public static func mentioned(in text: String, forumID: String, lookup: some RecordLookup) -> [String] {
        Redaction.anonymousNumbers(forumID: forumID, lookup: lookup).keys.sorted().filter { participantID in
            guard let participant = lookup.state(collection: Participant.collection, id: participantID) else { return false }
            return tokens(of: participant).contains { contains(text, word: $0) }
        }
    }

    /// `text` with every whole-word occurrence of `word` (ignoring case and diacritics)
    /// replaced by `label`: "Johan" goes, "Johanna" stays.
    public static func replacing(_ word: String, with label: String, in text: String) -> String {
        var result = "", rest = text[...]
        while let found = rest.range(of: word, options: [.caseInsensitive, .diacriticInsensitive]) {
            let before = found.lowerBound == text.startIndex || !text[text.index(before: found.lowerBound)].isLetter
            let after = found.upperBound == text.endIndex || !text[found.upperBound].isLetter
            result += rest[..<found.lowerBound]
            result += before && after ? label : String(rest[found])
            rest = rest[found.upperBound...]
        }
        return result + rest
    }

    /// Whether `text` holds `word` as a whole word (not inside a longer one), ignoring
    /// case and diacritics.
    static func contains(_ text: String, word: String) -> Bool {
        var searchRange = text.startIndex..<text.endIndex
        while let found = text.range(of: word, options: [.caseInsensitive, .diacriticInsensitive], range: searchRange) {
            let before = found.lowerBound == text.startIndex || !text[text.index(before: found.lowerBound)].isLetter
            let after = found.upperBound == text.endIndex || !text[found.upperBound].isLetter
            if before && after { return true }
            searchRange = found.upperBound..<text.endIndex
        }
        return false
    }
}
