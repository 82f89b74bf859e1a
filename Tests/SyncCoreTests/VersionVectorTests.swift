import Testing
@testable import SyncCore

private let a = ReplicaID("a")!, b = ReplicaID("b")!

@Suite struct VersionVectorTests {
    @Test func comparesAllFourWays() {
        let x = VersionVector([a: 2, b: 1])
        #expect(x.compare(x) == .equal)
        #expect(x.compare(VersionVector([a: 2, b: 2])) == .before)
        #expect(x.compare(VersionVector([a: 1])) == .after)
        #expect(x.compare(VersionVector([a: 1, b: 2])) == .concurrent)
    }

    @Test func mergeIsPointwiseMaximum() {
        let m = VersionVector([a: 2, b: 1]).merged(with: VersionVector([a: 1, b: 3]))
        #expect(m == VersionVector([a: 2, b: 3]))
    }

    @Test func coversExactlyTheDotsUpToTheCounter() {
        let v = VersionVector([a: 2])
        #expect(v.covers(Dot(replica: a, counter: 2)))
        #expect(!v.covers(Dot(replica: a, counter: 3)))
        #expect(!v.covers(Dot(replica: b, counter: 1)))
    }

    @Test func zeroCountersAreNotStored() {
        #expect(VersionVector([a: 0]) == VersionVector())
    }
}

@Suite struct HybridClockTests {
    @Test func staysMonotoneWhenTheWallClockJumpsBack() {
        var clock = HybridClock()
        let first = clock.now(wallMillis: 10_000)
        let second = clock.now(wallMillis: 5_000)
        #expect(second > first)
        #expect(second.wallMillis == 10_000 && second.logical == 1)
        #expect(clock.now(wallMillis: 20_000) == HybridTimestamp(wallMillis: 20_000))
    }

    @Test func readingsFollowObservedRemoteTimestamps() {
        var clock = HybridClock()
        clock.observe(HybridTimestamp(wallMillis: 99_000, logical: 4))
        #expect(clock.now(wallMillis: 1_000) == HybridTimestamp(wallMillis: 99_000, logical: 5))
    }
}
