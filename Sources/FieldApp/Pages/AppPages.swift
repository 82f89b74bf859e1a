import HTTPServer
import Messages
import WebPage

/// The frame of every page and the small pages (403, 404, messages).
enum AppPages {
    typealias Context = FieldApp.Context

    /// The navigation's sections.
    enum Section { case forums, participants, sync, conflicts, honoraria, payments, reports, none }

    /// A whole page as a response.
    /// - Parameters:
    ///   - title: the page title, not yet escaped.
    ///   - refreshSeconds: reload the page after this many seconds (`<meta http-equiv="refresh">`,
    ///     no JavaScript), e.g. the sync's progress.
    ///   - body: the content of `main` after the `h1`, already escaped.
    static func page(_ context: Context, title: String, section: Section, status: HTTPStatus = .ok,
                     navigation: Bool = true, refreshSeconds: Int? = nil, body: String) -> HTTPResponse {
        let l = context.l
        var start = PageDocument.start(language: l.language.rawValue, title: "\(HTML.escape(title)) – \(context.h("app.product"))",
                                       css: AppStyle.css, skip: context.h("app.skip"))
        if let refreshSeconds, let head = start.range(of: "</head>") {
            start.insert(contentsOf: "<meta http-equiv=\"refresh\" content=\"\(refreshSeconds)\">\n", at: head.lowerBound)
        }
        var html = start + """
            <header>
            <p class="brand">\(context.h("app.product"))</p>

            """
        if navigation {
            var entries: [(Section, String, String)] = [(.forums, "/", "app.nav.forums"), (.participants, "/participants", "app.nav.participants")]
            if context.coordinator {
                entries += [(.honoraria, "/honoraria", "app.nav.honoraria"), (.payments, "/payments", "app.nav.payments")]
            }
            entries += [(.reports, "/reports/attendance", "app.nav.reports"), (.conflicts, "/conflicts", "app.nav.conflicts"),
                        (.sync, "/sync", "app.nav.sync")]
            html += "<nav aria-label=\"\(context.h("app.nav.label"))\"><ul>"
            for (target, path, key) in entries {
                let current = target == section ? " aria-current=\"page\"" : ""
                html += "<li><a href=\"\(path)\"\(current)>\(context.h(key))</a></li>"
            }
            html += "</ul></nav>\n"
        }
        html += "</header>\n"
        if navigation, let banner = context.banner { html += "<p class=\"banner\" role=\"status\">\(HTML.escape(banner))</p>\n" }
        html += "<main id=\"main\">\n<h1>\(HTML.escape(title))</h1>\n\(body)\n</main>\n</body>\n</html>\n"
        return .html(status, html)
    }

    /// The page without the cookie: no navigation, no data.
    static func forbidden(_ context: Context) -> HTTPResponse {
        page(context, title: context.t("app.forbidden.title"), section: .none, status: .forbidden, navigation: false,
             body: "<p>\(context.h("app.forbidden.text"))</p><pre><code>forum app</code></pre>")
    }

    static func notFound(_ context: Context) -> HTTPResponse {
        message(context, status: .notFound, titleKey: "app.error.not_found_title", textKey: "app.error.not_found")
    }

    /// A page with a heading and one paragraph.
    static func message(_ context: Context, status: HTTPStatus, titleKey: String, textKey: String) -> HTTPResponse {
        page(context, title: context.t(titleKey), section: .none, status: status,
             body: "<p>\(context.h(textKey))</p><p><a href=\"/\">\(context.h("app.back_to_forums"))</a></p>")
    }

    /// A notice (`role=status`) or an error (`role=alert`), text not yet escaped.
    static func notice(_ text: String, error: Bool = false) -> String {
        error ? "<p class=\"notice error\" role=\"alert\">\(HTML.escape(text))</p>"
            : "<p class=\"notice\" role=\"status\">\(HTML.escape(text))</p>"
    }

    /// The hidden CSRF field every POST form carries.
    static func csrf(_ context: Context) -> String {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(HTML.escape(context.csrf))\">"
    }

    /// A one-button POST form, e.g. "Synka nu".
    static func button(_ context: Context, action: String, labelKey: String, hidden: [String: String] = [:],
                       style: String = "") -> String {
        var html = "<form method=\"post\" action=\"\(HTML.escape(action))\">" + csrf(context)
        for (name, value) in hidden.sorted(by: { $0.key < $1.key }) {
            html += "<input type=\"hidden\" name=\"\(HTML.escape(name))\" value=\"\(HTML.escape(value))\">"
        }
        return html + "<button type=\"submit\"\(style.isEmpty ? "" : " class=\"\(style)\"")>\(context.h(labelKey))</button></form>"
    }
}
