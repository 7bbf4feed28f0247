import ASLExpressions
import Testing

@Suite("Digests and Base64")
struct DigestTests {
    // Expected values computed independently (Python's hashlib), including inputs of 55/56 and 111/112 bytes,
    // where the padding spills into an extra block.
    static let vectors: [(String, Digest.Algorithm, String)] = [
        ("", .md5, "d41d8cd98f00b204e9800998ecf8427e"),
        ("", .sha1, "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        ("", .sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (
            "", .sha384,
            "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b"
        ),
        (
            "", .sha512,
            "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
                + "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"
        ),
        ("abc", .md5, "900150983cd24fb0d6963f7d28e17f72"),
        ("abc", .sha1, "a9993e364706816aba3e25717850c26c9cd0d89d"),
        ("abc", .sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abc", .sha384,
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"
        ),
        (
            "abc", .sha512,
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
        ),
        ("héllo wörld ✓", .md5, "aa0c8a307a4488bfe0cb56530da19bc3"),
        ("héllo wörld ✓", .sha1, "a5e7f35caea50aa6f3bc37d2f24a540fc0b3cb32"),
        ("héllo wörld ✓", .sha256, "c2a59c71097b678dc5af2eb1f98ddc575b63948b0fa6740071a945673aaada4d"),
        (String(repeating: "a", count: 1000), .md5, "cabe45dcc9ae5b66ba86600cca6b8ba8"),
        (String(repeating: "a", count: 1000), .sha1, "291e9a6c66994949b57ba5e650361e98fc36b1ba"),
        (
            String(repeating: "a", count: 1000), .sha256,
            "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"
        ),
        (
            String(repeating: "a", count: 1000), .sha384,
            "f54480689c6b0b11d0303285d9a81b21a93bca6ba5a1b4472765dca4da45ee328082d469c650cd3b61b16d3266ab8ced"
        ),
        (
            String(repeating: "a", count: 1000), .sha512,
            "67ba5535a46e3f86dbfbed8cbbaf0125c76ed549ff8b0b9e03e0c88cf90fa634"
                + "fa7b12b47d77b694de488ace8d9a65967dc96df599727d3292a8d9d447709c97"
        ),
        (String(repeating: "x", count: 55), .md5, "04364420e25c512fd958a70738aa8f72"),
        (String(repeating: "x", count: 56), .md5, "668a72d5ba17f08e62dabcafad6db14b"),
        (String(repeating: "x", count: 55), .sha1, "cef734ba81a024479e09eb5a75b6ddae62e6abf1"),
        (String(repeating: "x", count: 56), .sha1, "901305367c259952f4e7af8323f480d59f81335b"),
        (
            String(repeating: "x", count: 55), .sha256,
            "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072"
        ),
        (
            String(repeating: "x", count: 56), .sha256,
            "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e"
        ),
        (
            String(repeating: "x", count: 111), .sha384,
            "dfec6588f894c2b089119e1884a23941e5aa69ed38702839cf7352ac6d155d315693bb5d26b7468d8b69ecf4631ef419"
        ),
        (
            String(repeating: "x", count: 112), .sha384,
            "d8489693bc428374931aedf508740398d9d4a92887116fecb2fcdd91c68b9db329fc4a474e05e78c3eb34e649a6b5c77"
        ),
        (
            String(repeating: "x", count: 111), .sha512,
            "9a2a120825c2319867758ec277924f6faa254968bf752046dacdd948d8ad299b"
                + "10359fd04bfd7d3810b5fa1b16a294236138baff981cbb85248478053ac4d3dd"
        ),
        (
            String(repeating: "x", count: 112), .sha512,
            "a3722b515ef40c910f2419f6e0da8ca51d410114ce6272faae64045f9e9f630e"
                + "7fa8dd5a3243c9860b899d148c3da4bc0f9e07454542604d030bb55531fe0d5b"
        ),
    ]

    @Test("digests match reference values", arguments: vectors)
    func digest(input: String, algorithm: Digest.Algorithm, expected: String) {
        #expect(Digest.hexDigest(of: input, with: algorithm) == expected)
    }

    @Test(
        "Base64 round trips and matches RFC 4648 vectors",
        arguments: [
            ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"), ("héllo wörld ✓", "aMOpbGxvIHfDtnJsZCDinJM="),
        ])
    func base64(text: String, encoded: String) {
        #expect(Base64.encode(Array(text.utf8)) == encoded)
        #expect(Base64.decode(encoded) == Array(text.utf8))
    }

    @Test("invalid Base64 is refused", arguments: ["Zm9", "Zm9v!A==", "Zg==Zg==", "Z===", "=Zm9", "Zm=v", "Zm9v\n"])
    func base64Invalid(text: String) {
        #expect(Base64.decode(text) == nil)
    }
}
