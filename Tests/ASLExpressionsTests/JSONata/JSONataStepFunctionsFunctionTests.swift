import ASLExpressions
import RetraceCore
import Testing

@Suite("Step Functions' own JSONata functions")
struct JSONataStepFunctionsFunctionTests {
    @Test(arguments: [
        // The examples of the Step Functions guide.
        ("$partition([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)", "[[1, 2, 3], [4, 5, 6], [7, 8, 9]]"),
        ("$range(0, 10, 2)", "[0, 2, 4, 6, 8, 10]"),
        ("$partition([1, 2, 3, 4, 5], 2)", "[[1, 2], [3, 4], [5]]"),
        ("$partition([1, 2], 5)", "[[1, 2]]"),
        ("$partition([], 2)", "[]"),
        ("$partition('a', 1)", "[[\"a\"]]"),
        ("$range(1, 4)", "[1, 2, 3, 4]"),
        ("$range(5, 1, -2)", "[5, 3, 1]"),
        ("$range(1, 5, -1)", "[]"),
        ("$range(3, 3)", "3"),
        ("$range(3, 4, 5)", "3"),
        ("$parse('{\"a\": [1, 2.5, \"x\"], \"b\": null}')", "{\"a\": [1, 2.5, \"x\"], \"b\": null}"),
        ("$parse('42')", "42"),
        ("$parse('\"text\"')", "\"text\""),
        ("$parse('[1]')[0]", "1"),
    ])
    func functions(expression: String, expected: String) throws {
        #expect(try JSONataHarness().value(expression) == (try json(expected)), "\(expression)")
    }

    /// Published test vectors: RFC 1321 (MD5), FIPS 180 examples (SHA-1, SHA-2).
    @Test(arguments: [
        ("", "MD5", "d41d8cd98f00b204e9800998ecf8427e"),
        ("abc", "MD5", "900150983cd24fb0d6963f7d28e17f72"),
        ("message digest", "MD5", "f96b697d7cb7938d525a2f31aaf161d0"),
        (
            "12345678901234567890123456789012345678901234567890123456789012345678901234567890", "MD5",
            "57edf4a22be3c955ac49da2e2107b67a"
        ),
        ("abc", "SHA-1", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "SHA-1",
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1"
        ),
        ("abc", "SHA-256", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("", "SHA-256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "SHA-256",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abc", "SHA-384",
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"
        ),
        (
            "abc", "SHA-512",
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
        ),
        (
            "", "SHA-512",
            "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"
        ),
    ])
    func hashMatchesPublishedVectors(text: String, algorithm: String, digest: String) throws {
        var harness = JSONataHarness()
        harness.variables = ["text": .string(text), "algorithm": .string(algorithm)]
        #expect(try harness.value("$hash($text, $algorithm)") == .string(digest))
    }

    /// The long vectors: one million "a"s, hashed across many blocks.
    @Test(arguments: [
        ("MD5", "7707d6ae4e027c70eea2a935c2296f21"),
        ("SHA-1", "34aa973cd4c4daa4f61eeb2bdbad27316534016f"),
        ("SHA-256", "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
        (
            "SHA-512",
            "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b"
        ),
    ])
    func hashOfAMillionCharacters(algorithm: String, digest: String) throws {
        var harness = JSONataHarness()
        harness.variables = ["text": .string(String(repeating: "a", count: 1_000_000))]
        #expect(try harness.value("$hash($text, '\(algorithm)')") == .string(digest))
    }

    @Test func hashReadsUTF8() throws {
        // "é" is two UTF-8 bytes; the same bytes spelled as escapes in a JSON-decoded string hash the same.
        var harness = JSONataHarness()
        harness.variables = ["composed": .string("\u{E9}")]
        #expect(try harness.value("$hash($composed, 'MD5') = $hash('\\u00e9', 'MD5')") == .bool(true))
        #expect(try harness.value("$hash($composed, 'MD5') != $hash('e', 'MD5')") == .bool(true))
        #expect(try harness.value("$length($hash('a', 'SHA-384'))") == .integer(96))
    }

    @Test(arguments: [
        ("$partition([1, 2], 0)", "R0101"), ("$partition([1, 2], 1.5)", "R0101"), ("$range(1, 5, 0)", "R0102"),
        ("$range(1.5, 5)", "R0102"), ("$range(0, 5000)", "R0105"), ("$hash('a', 'SHA-3')", "R0103"),
        ("$hash('a', 'sha-256')", "R0103"), ("$parse('{')", "R0104"), ("$parse('[1] [2]')", "R0104"),
        ("$partition([1], 'a')", "T0410"), ("$hash(1, 'MD5')", "T0410"), ("$parse(1)", "T0410"),
    ])
    func argumentErrors(expression: String, code: String) {
        #expect(JSONataHarness().error(expression)?.code == code, "\(expression)")
    }

    @Test func randomAndUUIDComeFromTheInjectedSource() throws {
        let harness = JSONataHarness()
        let first = try harness.value("[$random(), $random(), $uuid(), $uuid()]")
        let second = try harness.value("[$random(), $random(), $uuid(), $uuid()]")
        #expect(first == second, "a seeded source makes evaluation reproducible")
        guard case .array(let values) = first, values.count == 4,
            let r1 = values[0].doubleValue, let r2 = values[1].doubleValue,
            case .string(let u1) = values[2], case .string(let u2) = values[3]
        else {
            Issue.record("unexpected shape: \(String(describing: first))")
            return
        }
        #expect((0..<1).contains(r1) && (0..<1).contains(r2) && r1 != r2)
        #expect(u1 != u2)
        for uuid in [u1, u2] {
            let groups = uuid.split(separator: "-").map(\.count)
            #expect(groups == [8, 4, 4, 4, 12], "\(uuid)")
            #expect(Array(uuid)[14] == "4", "version 4: \(uuid)")
            #expect("89ab".contains(Array(uuid)[19]), "variant 1: \(uuid)")
            #expect(uuid == uuid.lowercased())
        }
        // A different seed gives different values.
        let other = try JSONataExpression("$uuid()").evaluate(
            options: JSONataOptions(nondeterminism: JSONataSeededSource(now: harness.now, seed: 43)))
        #expect(other != .string(u1))
    }

    @Test func seededRandomIsStableAcrossSources() throws {
        let a = try JSONataHarness().value("$random(7)")
        var harness = JSONataHarness()
        harness.now = Instant(millisecondsSinceEpoch: 0)
        let b = try harness.value("$random(7)")
        let c = try harness.value("$random(8)")
        #expect(a == b, "the seed alone decides the value")
        #expect(a != c)
        let value = try #require(a?.doubleValue)
        #expect(value >= 0 && value < 1)
    }

    @Test func systemSourceProducesFreshValues() throws {
        let expression = try JSONataExpression("[$uuid(), $random(), $millis()]")
        let first = try expression.evaluate()
        let second = try expression.evaluate()
        #expect(first != second)
    }
}
