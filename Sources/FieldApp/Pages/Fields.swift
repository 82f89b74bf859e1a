import ForumModel
import WebPage

/// Labelled form controls. Each control gets an id and a `<label for>`; the input's type,
/// `required`, length and range come from the field's declaration in `ForumSchema` and the
/// domain's limits, so the browser already refuses what the rules would.
enum Fields {
    /// A control for `field` of `collection`, labelled with `label` (not yet escaped).
    /// - Parameters:
    ///   - value: the current value, not yet escaped.
    ///   - hint: a line under the label (format, example), not yet escaped.
    static func control(_ collection: CollectionSpec?, _ field: String, label: String, value: String?, hint: String? = nil,
                        choices: [(value: String, label: String)] = [], domain: DomainConfiguration = DomainConfiguration(),
                        required: Bool? = nil) -> String {
        let spec = collection?.field(field)
        let id = "f-" + field
        let isRequired = required ?? (spec?.required ?? false)
        let req = isRequired ? " required" : ""
        let hintID = "h-" + field
        let described = hint == nil ? "" : " aria-describedby=\"\(hintID)\""
        var html = "<div class=\"field\"><label for=\"\(id)\">\(HTML.escape(label))</label>"
        if let hint { html += "<span class=\"muted\" id=\"\(hintID)\">\(HTML.escape(hint))</span>" }
        let shown = HTML.escape(value ?? "")
        switch spec?.type {
        case .longText?:
            html += "<textarea id=\"\(id)\" name=\"\(field)\" rows=\"12\" maxlength=\"\(domain.maximumMinutesLength)\"\(req)\(described)>\(shown)</textarea>"
        case .amount?:
            html += "<input type=\"number\" id=\"\(id)\" name=\"\(field)\" min=\"0\" max=\"\(domain.maximumHonorariumKronor)\" "
                + "step=\"1\" inputmode=\"numeric\" value=\"\(shown)\"\(req)\(described)>"
        case .choice?, .municipality?:
            html += "<select id=\"\(id)\" name=\"\(field)\"\(req)\(described)>"
            for choice in choices {
                let selected = choice.value == value ? " selected" : ""
                html += "<option value=\"\(HTML.escape(choice.value))\"\(selected)>\(HTML.escape(choice.label))</option>"
            }
            html += "</select>"
        default:
            html += "<input type=\"text\" id=\"\(id)\" name=\"\(field)\" maxlength=\"\(domain.maximumTextLength)\" "
                + "value=\"\(shown)\"\(req)\(described)>"
        }
        return html + "</div>"
    }

    /// A labelled checkbox named `name` with value `yes`.
    static func checkbox(name: String, label: String, checked: Bool, id: String? = nil) -> String {
        let id = id ?? "f-" + name
        return "<div class=\"field\"><label for=\"\(HTML.escape(id))\"><input type=\"checkbox\" id=\"\(HTML.escape(id))\" "
            + "name=\"\(HTML.escape(name))\" value=\"yes\"\(checked ? " checked" : "")> \(HTML.escape(label))</label></div>"
    }

    /// A labelled free-text input not tied to a record field (search, dates of a report).
    static func text(name: String, label: String, value: String?, type: String = "text", hint: String? = nil,
                     required: Bool = false, id: String? = nil) -> String {
        let id = id ?? "f-" + name
        var html = "<div class=\"field\"><label for=\"\(HTML.escape(id))\">\(HTML.escape(label))</label>"
        if let hint { html += "<span class=\"muted\">\(HTML.escape(hint))</span>" }
        return html + "<input type=\"\(type)\" id=\"\(HTML.escape(id))\" name=\"\(HTML.escape(name))\" "
            + "value=\"\(HTML.escape(value ?? ""))\"\(required ? " required" : "")></div>"
    }

    /// A labelled select not tied to a record field.
    static func select(name: String, label: String, choices: [(value: String, label: String)], selected: String?,
                       id: String? = nil) -> String {
        let id = id ?? "f-" + name
        var html = "<div class=\"field\"><label for=\"\(HTML.escape(id))\">\(HTML.escape(label))</label>"
            + "<select id=\"\(HTML.escape(id))\" name=\"\(HTML.escape(name))\">"
        for choice in choices {
            html += "<option value=\"\(HTML.escape(choice.value))\"\(choice.value == selected ? " selected" : "")>\(HTML.escape(choice.label))</option>"
        }
        return html + "</select></div>"
    }
}
