import Testing
@testable import HTTPServer

@Suite struct HTTPConnectionTimerTests {
    func timer(now: Double = 100) -> HTTPConnectionTimer {
        HTTPConnectionTimer(idleTimeout: 15, requestHeadTimeout: 10, bodyTimeout: 30, now: now)
    }

    @Test func startsIdleWithTheIdleTimeout() {
        #expect(timer().deadline == 115)
    }

    @Test func headDeadlineCountsFromTheFirstByteAndIsNotExtendedByMoreBytes() {
        var t = timer()
        t.observe(.head, at: 101)
        #expect(t.deadline == 111)
        t.observe(.head, at: 108) // a trickle of bytes keeps the same phase
        #expect(t.deadline == 111)
        #expect(t.requestStart == 101)
    }

    @Test func bodyDeadlineCountsFromTheEndOfTheHead() {
        var t = timer()
        t.observe(.head, at: 101)
        t.observe(.body, at: 105)
        #expect(t.deadline == 135)
        #expect(t.requestStart == 101)
    }

    @Test func returnsToIdleTimingAfterAResponse() {
        var t = timer()
        t.observe(.head, at: 101)
        t.responseWritten(at: 120)
        #expect(t.phase == .idle)
        #expect(t.deadline == 135)
    }
}
