import WebPage
import Testing

@Suite("HTML escaping and URL components")
struct HTMLTests {
    @Test func escapesTheFiveMarkupCharacters() {
        #expect(HTML.escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(HTML.escape("a & b \"c\" 'd'") == "a &amp; b &quot;c&quot; &#39;d&#39;")
        #expect(HTML.escape("&amp;") == "&amp;amp;")
    }

    @Test func leavesOtherTextAlone() {
        #expect(HTML.escape("Anonym deltagare 2 – Malmö 🙂") == "Anonym deltagare 2 – Malmö 🙂")
        #expect(HTML.escape("") == "")
    }

    @Test func percentEncodesAllButUnreservedCharacters() {
        #expect(HTML.urlComponent("dev-ab12:3") == "dev-ab12%3A3")
        #expect(HTML.urlComponent("Malmö a/b&c") == "Malm%C3%B6%20a%2Fb%26c")
        #expect(HTML.urlComponent("A-z_0.9~") == "A-z_0.9~")
    }
}
