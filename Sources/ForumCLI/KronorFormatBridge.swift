import Messages

/// Amounts for people, in the invocation's language.
enum KronorFormatBridge {
    static func amount(_ kronor: Int64, _ language: Language) -> String {
        KronorFormat.format(Int(clamping: kronor), language: language)
    }
}
