import WebPage

/// The dashboard's style sheet: the shared one (`PageStyle.base`).
enum Style {
    static var css: String { PageStyle.base }
}
