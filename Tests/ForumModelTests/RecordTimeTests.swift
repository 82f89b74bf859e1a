import Foundation
import ForumModel
import Testing

/// Record times are read and written through `CivilDate`, strictly, in UTC.
@Suite struct RecordTimeTests {
    @Test func instantsRoundTripAcrossLeapDaysAndCenturies() throws {
        for text in ["1970-01-01T00:00:00Z", "2000-02-29T23:59:59Z", "2024-02-29T12:00:00Z",
                     "2100-02-28T23:59:59Z", "2100-03-01T00:00:00Z", "9999-12-31T23:59:59Z"] {
            let date = try #require(RecordTime.instant(text), "\(text)")
            #expect(RecordTime.string(date) == text)
        }
        #expect(RecordTime.instant("2100-03-01T00:00:00Z") == Date(timeIntervalSince1970: 4_107_542_400)) // day 47 541
    }

    @Test func refusesDatesThatDoNotExistAndYearsBefore1970() {
        #expect(RecordTime.instant("2100-02-29T00:00:00Z") == nil)
        #expect(RecordTime.instant("2023-02-29T00:00:00Z") == nil)
        #expect(RecordTime.instant("1969-12-31T23:59:59Z") == nil)
        #expect(RecordTime.isValidDay("2000-02-29"))
        #expect(!RecordTime.isValidDay("1900-02-29"))
        #expect(!RecordTime.isValidDay("2026-04-31"))
    }

    @Test func writesInstantsBefore1970InTheDayTheyFallIn() {
        #expect(RecordTime.string(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(RecordTime.string(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59Z")
    }
}
