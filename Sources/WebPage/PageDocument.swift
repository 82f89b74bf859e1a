/// The start of every server-rendered page: doctype, `<html lang>`, the head with the
/// inline style sheet, and the skip link.
public enum PageDocument {
    /// The document up to and including the skip link.
    /// - Parameters:
    ///   - language: the `lang` code (`sv`, `en`).
    ///   - title: the whole title, already escaped.
    ///   - css: the style sheet.
    ///   - skip: the skip link's text, already escaped.
    public static func start(language: String, title: String, css: String, skip: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title)</title>
        <style>\(css)</style>
        </head>
        <body>
        <a class="skip" href="#main">\(skip)</a>

        """
    }
}
