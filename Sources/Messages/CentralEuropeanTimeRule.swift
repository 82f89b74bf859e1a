/// Swedish civil time computed from the EU rule, for systems without zone data.
///
/// Standard time is CET (UTC+1). Summer time, CEST (UTC+2), runs from 01:00 UTC on the
/// last Sunday of March to 01:00 UTC on the last Sunday of October (EU directive
/// 2000/84/EC, applied in Sweden since 1996). Earlier Swedish history is not modelled.
enum CentralEuropeanTimeRule {
    /// Seconds east of UTC in standard time.
    static let standardOffset = 3600
    /// Seconds east of UTC in summer time.
    static let summerOffset = 7200

    /// The offset from UTC in force at `secondsSince1970` (a UTC instant).
    static func secondsFromGMT(atUTC secondsSince1970: Int) -> Int {
        let days = CivilDate.daysSinceEpoch(containingSecond: secondsSince1970)
        let year = CivilDate(daysSinceEpoch: days).year
        let start = CivilDate.lastSunday(of: 3, year: year) * 86_400 + 3600
        let end = CivilDate.lastSunday(of: 10, year: year) * 86_400 + 3600
        return (start..<end).contains(secondsSince1970) ? summerOffset : standardOffset
    }
}
