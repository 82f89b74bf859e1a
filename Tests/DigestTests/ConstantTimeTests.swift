import Testing
import Digest

@Suite struct ConstantTimeTests {
    @Test func equalBytesCompareEqual() {
        #expect(ConstantTime.equals([], []))
        #expect(ConstantTime.equals(SHA256.hash("token"), SHA256.hash("token")))
    }

    @Test(arguments: [0, 1, 15, 31])
    func aDifferenceAnywhereIsFound(position: Int) {
        let a = SHA256.hash("token")
        var b = a
        b[position] ^= 0x01
        #expect(!ConstantTime.equals(a, b))
    }

    @Test func differentLengthsAreUnequal() {
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
        #expect(!ConstantTime.equals([], [0]))
    }
}
