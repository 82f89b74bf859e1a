import Testing
import Digest

@Suite struct SHA256HasherTests {
    static let millionAs = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"

    @Test(arguments: [1, 3, 7, 55, 63, 64, 65, 127, 1000, 4099])
    func streamingOneMillionAsInChunksEqualsOneShot(chunkSize: Int) {
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: chunkSize)
        var hasher = SHA256Hasher()
        var remaining = 1_000_000
        while remaining > 0 {
            let take = min(chunkSize, remaining)
            hasher.update(chunk[0..<take])
            remaining -= take
        }
        #expect(HexEncoding.encode(hasher.finalize()) == Self.millionAs)
    }

    @Test func mixesRawBufferSequenceAndLazyUpdates() {
        let message = SHA256Tests.patterned(300)
        var hasher = SHA256Hasher()
        message[0..<10].withUnsafeBytes { hasher.update($0) }
        hasher.update(message[10..<75].lazy.map { $0 })
        hasher.update(message[75..<200])
        message[200..<300].withUnsafeBytes { hasher.update($0) }
        #expect(hasher.finalize() == SHA256.hash(message))
    }

    @Test func ignoresEmptyUpdates() {
        var hasher = SHA256Hasher()
        hasher.update([UInt8]())
        hasher.update("abc".utf8)
        hasher.update(UnsafeRawBufferPointer(start: nil, count: 0))
        #expect(HexEncoding.encode(hasher.finalize())
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func finalizingACopyLeavesTheOriginalUsable() {
        var hasher = SHA256Hasher()
        hasher.update("ab".utf8)
        let prefix = hasher
        #expect(prefix.finalize() == SHA256.hash("ab"))
        hasher.update("c".utf8)
        #expect(hasher.finalize() == SHA256.hash("abc"))
    }
}
