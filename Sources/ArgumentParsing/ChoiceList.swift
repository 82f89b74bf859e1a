import Messages

/// The values an option accepts, written into its help as running text: `a, b eller c` in
/// Swedish, `a, b or c` in English. Built from the values themselves (a model's enum), so the
/// help cannot list a value the option refuses or leave out one it takes.
public enum ChoiceList {
    /// `values` joined with commas and the localizer's "or" before the last.
    ///
    /// - Returns: The one value alone, or an empty string for none.
    public static func either(_ values: [String], _ l: Localizer) -> String {
        guard let last = values.last else { return "" }
        guard values.count > 1 else { return last }
        return l["cli.list.or", ["items": values.dropLast().joined(separator: ", "), "last": last]]
    }

    /// The raw values of `values` (e.g. `ForumKind.allCases`), joined as by ``either(_:_:)-([String],_)``.
    public static func either<Value: RawRepresentable>(_ values: [Value], _ l: Localizer) -> String
    where Value.RawValue == String {
        either(values.map(\.rawValue), l)
    }
}
