import WebPage
import Testing

@Suite("Form bodies")
struct FormDataTests {
    @Test func decodesPlusPercentAndRepeatedNames() throws {
        let form = try #require(FormData(body: Array("a=1+2&b=%C3%B6%26&a=3&flag&c=".utf8)))
        #expect(form["a"] == "1 2")
        #expect(form.values("a") == ["1 2", "3"])
        #expect(form["b"] == "ö&")
        #expect(form["flag"] == "" && form["c"] == "")
        #expect(form["missing"] == nil)
    }

    @Test func refusesMalformedEscapesAndInvalidUTF8() {
        #expect(FormData(body: Array("a=%4".utf8)) == nil)
        #expect(FormData(body: Array("a=%zz".utf8)) == nil)
        #expect(FormData(body: Array("a=%FF".utf8)) == nil)
    }
}
