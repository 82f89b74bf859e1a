import Testing
import Digest

/// Known-answer tests from FIPS 180-4 examples and the NIST CAVS SHA256ShortMsg/LongMsg sets,
/// plus padding-boundary messages checked against `sha256sum` / Python `hashlib`.
@Suite struct SHA256Tests {
    @Test func hashesTheEmptyMessage() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func hashesABC() {
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func hashesThe448BitMessage() {
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func hashesThe896BitMessage() {
        let message = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
            + "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
        #expect(SHA256.hex(message) == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    @Test func hashesOneMillionAs() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hex(message) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test(arguments: [
        ("d3", "28969cdfa74a12c82f3bad960b0b000aca2ac329deea5c2328ebc6f2ba9802c1"),
        ("11af", "5ca7133fa735326081558ac312c620eeca9970d1e70a4b95533d956f072d1f98"),
        ("b4190e", "dff2e73091f6c05e528896c4c831b9448653dc2ff043528f6769437bc7b975c2"),
        ("74ba2521", "b16aa56be3880d18cd41e68384cf1ec8c17680c45a02b1575dc1518923ae8b0e"),
        ("c299209682", "f0887fe961c9cd3beab957e8222494abb969b1ce4c6557976df8b0f6d20e9166"),
    ])
    func matchesCAVSShortMessages(message: String, digest: String) throws {
        let bytes = try #require(HexEncoding.decode(message))
        #expect(SHA256.hex(bytes) == digest)
    }

    /// Messages `(13 + 7i) mod 256` for i in 0..<n: lengths either side of the 55/56-byte
    /// point where the length field stops fitting, and of the 64-byte block size.
    @Test(arguments: [
        (1, "9d1e0e2d9459d06523ad13e28a4093c2316baafe7aec5b25f30eba2e113599c4"),
        (3, "10c38ff6aa77aaf0a08345dea78ac620f90429576e826996518aba266f14b46f"),
        (55, "764c574722e6e2ccaa5422f8ec731111ac72ff7039793148623e56b75a32c11f"),
        (56, "43fbbe48a6796cb7414a92cd785d9f4a976c2f70fc59c60a309f95e3022db77a"),
        (57, "e038a2370dbd74c3c8b89b95e7c351fec4821e3415f7aef3a0925215bc6ff953"),
        (63, "c309180feace42e90107301813aef6f309cac604e831b3fd9692a3298aa6da54"),
        (64, "3a38aed112131d75fc0e636437f5b675c83c01ade88d99f6b6c54b0d6129174f"),
        (65, "2ee4bedec261c1561dafa7ba28e4e3ece281bc0f51afca40b83b3a2a7c41a050"),
        (119, "0a70cbf85ea376617e4bfad11040a9559638f8ceb57844a901573674578af539"),
        (120, "7d3fd765bd3d4a0587f5bab94200b1d38b23398b94544ff5257f695b2227918f"),
    ])
    func padsCorrectlyAroundBlockBoundaries(length: Int, digest: String) {
        #expect(SHA256.hex(Self.patterned(length)) == digest)
    }

    @Test func hashesStringsAsUTF8() {
        #expect(SHA256.hex("smörgåsbord") == "3839962d88c7eb73dbd9f0fdb16a418320a976773844552cbe1d1f1d1ee91d69")
        #expect(SHA256.hash("smörgåsbord") == SHA256.hash(Array("smörgåsbord".utf8)))
    }

    @Test func givesTheSameDigestForContiguousAndLazySequences() {
        let bytes = Self.patterned(200)
        // A lazy map is not contiguous, so it takes the byte-at-a-time path.
        #expect(SHA256.hash(bytes.lazy.map { $0 }) == SHA256.hash(bytes))
        #expect(SHA256.hash(bytes).count == 32)
    }

    static func patterned(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: 13 + 7 * $0) }
    }
}
