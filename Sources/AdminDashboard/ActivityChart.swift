import Messages
import WebPage

/// The sync-activity chart of the overview: grouped bars (pushes, pulls, conflicts) per
/// day, drawn by the server as inline SVG, with a table carrying the same numbers for
/// screen readers and anyone who prefers text.
enum ActivityChart {
    static let width = 840, height = 260
    static let left = 44, right = 12, top = 12, bottom = 40
    static let series: [(key: MessageKey, className: String, colour: String, value: @Sendable (ActivityDay) -> Int)] = [
        ("dashboard.chart.pushes", "pushes", "#0b57a4", { $0.pushes }),
        ("dashboard.chart.pulls", "pulls", "#2e7d32", { $0.pulls }),
        ("dashboard.chart.conflicts", "conflicts", "#a4161a", { $0.conflicts }),
    ]

    /// The figure: legend, SVG and the table alternative.
    static func figure(_ days: [ActivityDay], _ l: Localizer) -> String {
        let titleID = "chart-title", descID = "chart-desc"
        let maximum = max(1, days.flatMap { day in series.map { $0.value(day) } }.max() ?? 1)
        let scaleTop = niceCeiling(maximum)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let slot = Double(plotWidth) / Double(max(1, days.count))
        let barWidth = max(2.0, (slot - 6) / Double(series.count))

        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" "
            + "aria-labelledby=\"\(titleID) \(descID)\">"
        svg += "<title id=\"\(titleID)\">\(HTML.escape(l["dashboard.chart.title", ["days": String(days.count)]]))</title>"
        svg += "<desc id=\"\(descID)\">\(HTML.escape(l["dashboard.chart.desc"]))</desc>"
        // Horizontal grid lines with their values.
        for step in 0...4 {
            let value = scaleTop * step / 4
            let y = top + plotHeight - plotHeight * step / 4
            svg += "<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(width - right)\" y2=\"\(y)\" stroke=\"#c9ced6\" stroke-width=\"1\"/>"
            svg += "<text x=\"\(left - 6)\" y=\"\(y + 4)\" text-anchor=\"end\" font-size=\"11\" fill=\"#4a5360\">\(value)</text>"
        }
        for (index, day) in days.enumerated() {
            let x0 = Double(left) + slot * Double(index) + 3
            svg += "<g class=\"day\" data-day=\"\(HTML.escape(day.day))\">"
            for (position, item) in series.enumerated() {
                let value = item.value(day)
                let barHeight = Double(plotHeight) * Double(value) / Double(scaleTop)
                let x = x0 + barWidth * Double(position)
                let y = Double(top + plotHeight) - barHeight
                svg += "<rect class=\"\(item.className)\" x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"\(fmt(barWidth - 1))\" "
                    + "height=\"\(fmt(barHeight))\" fill=\"\(item.colour)\">"
                    + "<title>\(HTML.escape(day.day)): \(HTML.escape(l[item.key])) \(value)</title></rect>"
            }
            // Every other date label, so they do not overlap at tablet width.
            if index % 2 == (days.count - 1) % 2 {
                let labelX = x0 + (slot - 6) / 2
                svg += "<text x=\"\(fmt(labelX))\" y=\"\(height - bottom + 16)\" text-anchor=\"middle\" font-size=\"11\" "
                    + "fill=\"#4a5360\">\(HTML.escape(String(day.day.suffix(5))))</text>"
            }
            svg += "</g>"
        }
        svg += "</svg>"

        var legend = "<ul class=\"legend\" aria-hidden=\"true\">"
        for item in series {
            legend += "<li><span class=\"swatch\" style=\"background:\(item.colour)\"></span>\(HTML.escape(l[item.key]))</li>"
        }
        legend += "</ul>"
        return "<figure class=\"chart\">\(legend)\(svg)<figcaption>\(HTML.escape(l["dashboard.chart.caption"]))</figcaption></figure>"
            + table(days, l)
    }

    /// The numbers of the chart as a table, inside a disclosure so sighted readers can open it.
    static func table(_ days: [ActivityDay], _ l: Localizer) -> String {
        var html = "<details><summary>\(HTML.escape(l["dashboard.chart.table_summary"]))</summary>"
        html += "<table><caption>\(HTML.escape(l["dashboard.chart.title", ["days": String(days.count)]]))</caption><thead><tr>"
        html += "<th scope=\"col\">\(HTML.escape(l["dashboard.chart.day"]))</th>"
        for item in series { html += "<th scope=\"col\" class=\"num\">\(HTML.escape(l[item.key]))</th>" }
        html += "</tr></thead><tbody>"
        for day in days {
            html += "<tr><th scope=\"row\">\(HTML.escape(day.day))</th>"
            for item in series { html += "<td class=\"num\">\(item.value(day))</td>" }
            html += "</tr>"
        }
        return html + "</tbody></table></details>"
    }

    /// The smallest of 1, 2, 5 × 10ⁿ (and multiples of 4, for even grid steps) ≥ `value`.
    static func niceCeiling(_ value: Int) -> Int {
        var magnitude = 1
        while magnitude * 10 <= value { magnitude *= 10 }
        for factor in [1, 2, 4, 5, 8, 10] where factor * magnitude >= value { return max(4, factor * magnitude) }
        return max(4, 10 * magnitude)
    }

    static func fmt(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
