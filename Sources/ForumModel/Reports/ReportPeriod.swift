import Foundation
import Messages

/// A half-open interval of time `[start, end)` that reports cover, by forum start.
public struct ReportPeriod: Hashable, Sendable {
    /// The first instant included.
    public var start: Date
    /// The first instant after the period.
    public var end: Date

    /// Creates a period. Build instants from Stockholm days with `StockholmTime.parse`.
    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }

    /// Whether `date` falls in the period.
    public func contains(_ date: Date) -> Bool { date >= start && date < end }
}
