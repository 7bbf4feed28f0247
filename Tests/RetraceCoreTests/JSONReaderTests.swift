import RetraceCore
import Testing

@Suite("JSONReader reads JSON fast and reports bad JSON precisely")
struct JSONReaderTests {
    private func documents(_ text: String) throws -> [JSONValue] {
        var values: [JSONValue] = []
        try JSONReader().forEachDocument(in: InputBuffer(name: "t.json", text: text), expecting: "JSON") { element, _ in
            values.append(element.value)
        }
        return values
    }

    private func error(_ text: String) -> InputError? {
        do {
            _ = try documents(text)
            return nil
        } catch let error as InputError {
            return error
        } catch {
            return nil
        }
    }

    @Test func readsValuesOfEveryKind() throws {
        let values = try documents(#"{"a": [1, -2.5, "x\u00e9", null, true, false], "b": {}, "big": 9007199254740993}"#)
        #expect(values.count == 1)
        let object = try #require(values.first?.objectValue)
        #expect(object.keys == ["a", "b", "big"])
        #expect(object["a"] == .array([.integer(1), .number(-2.5), .string("xé"), .null, .bool(true), .bool(false)]))
        #expect(object["big"] == .integer(9_007_199_254_740_993))
    }

    @Test func readsJSONLinesAndConcatenatedDocuments() throws {
        #expect(try documents("{\"a\":1}\n{\"a\":2}\n\n{\"a\":3}\n").count == 3)
        #expect(try documents("[1][2] {\"x\":[]}").count == 3)
    }

    @Test func reportsWhereAndWhat() throws {
        let truncated = try #require(error("{\n  \"events\": [\n    {\"id\": 1,\n"))
        guard case .malformedJSON(let position, let message) = truncated else {
            Issue.record("expected malformedJSON, got \(truncated)")
            return
        }
        #expect(position.file == "t.json")
        #expect(position.line == 4)
        #expect(message.contains("ends early"))

        guard case .malformedJSON(let comma, let commaMessage)? = error("[1,\n 2,\n ]") else {
            Issue.record("trailing comma accepted")
            return
        }
        #expect(comma.line == 3 && comma.column == 2)
        #expect(commaMessage.contains("found ']'"))
    }

    @Test(arguments: [
        ("{\"a\":\n  \"x\\ud800y\"}", 2, 5, "a lone UTF-16 surrogate"),
        ("{\"a\":\n  \"\\udc00\"}", 2, 4, "low half of a UTF-16 surrogate pair without its high half"),
        ("{\"a\":\n  \"\\ud800\\u0041\"}", 2, 10, "expected the low half"),
        ("[1,\n 99999999999999999999999]", 2, 2, "does not fit in 64 bits"),
        ("[1,\n -1e400]", 2, 2, "too large for a double"),
    ])
    func numbersAndEscapesTheParserRefusesArePlaced(text: String, line: Int, column: Int, message: String) throws {
        guard case .malformedJSON(let position, let found)? = error(text) else {
            Issue.record("\(text) was accepted")
            return
        }
        #expect(position.line == line && position.column == column, "\(found) at \(position)")
        #expect(found.contains(message))
    }

    @Test func surrogatePairsAndLongNumbersThatFitAreRead() throws {
        #expect(throws: Never.self) {
            _ = try documents(#"["\ud83d\ude00", 18446744073709551615, -9223372036854775808, 1.5e300]"#)
        }
    }

    @Test(arguments: [
        ("{\"a\" 1}", "expected ':'"),
        ("{\"a\":1,}", "key in double quotes"),
        ("[tru]", "true, false or null"),
        ("[01]", "expected ',' or ']'"),
        ("[\"a\u{01}\"]", "control character"),
        ("[\"\\q\"]", "invalid escape"),
        ("[\"\\u12g4\"]", "four hex digits"),
        ("{'a': 1}", "key in double quotes"),
        ("[1 2]", "expected ',' or ']'"),
        ("\"unterminated", "not terminated"),
    ])
    func describesSyntaxErrors(text: String, fragment: String) {
        let description = error(text)?.description ?? "no error"
        #expect(description.contains(fragment), "\(description)")
        #expect(description.hasPrefix("t.json:1:"))
    }

    @Test func rejectsInvalidUTF8WithItsPosition() {
        let bytes: [UInt8] = Array("[\"ok\",\n\"bad ".utf8) + [0xC3, 0x28] + Array("\"]".utf8)
        var caught: InputError?
        do {
            try JSONReader().forEachDocument(in: InputBuffer(name: "u.json", bytes: bytes), expecting: "JSON") { _, _ in
            }
        } catch let error as InputError {
            caught = error
        } catch {}
        guard case .malformedJSON(let position, let message)? = caught else {
            Issue.record("invalid UTF-8 accepted")
            return
        }
        #expect(position.line == 2)
        #expect(message.contains("UTF-8"))
    }

    @Test func boundsNestingInsteadOfCrashing() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(error(deep)?.description.contains("deeper than 1024") == true)
        let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(error(fine) == nil)
    }

    @Test(arguments: ["", "   \n\t ", "\n"])
    func saysWhenEmpty(text: String) {
        guard case .empty(let file, _)? = error(text) else {
            Issue.record("empty input not reported as empty")
            return
        }
        #expect(file == "t.json")
    }

    @Test func readsAHundredMegabytes() throws {
        let head = Array("{\"payload\": \"".utf8)
        let tail = Array("\"}".utf8)
        var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: head.count + (100 << 20) + tail.count)
        bytes.replaceSubrange(0..<head.count, with: head)
        bytes.replaceSubrange((bytes.count - tail.count)..<bytes.count, with: tail)
        var length = 0
        try JSONReader().forEachDocument(in: InputBuffer(name: "big.json", bytes: bytes), expecting: "JSON") {
            element, _ in
            length = element["payload"]?.utf8?.count ?? 0
        }
        #expect(length == 100 << 20)
    }

    @Test func minifiesAndLooksUpMembers() throws {
        try JSONReader().forEachDocument(
            in: InputBuffer(name: "m.json", text: "{ \"a\" : [ 1 , {\"b\" : \"c\"} ] }"), expecting: "JSON"
        ) { element, _ in
            #expect(element.minifiedText == #"{"a":[1,{"b":"c"}]}"#)
            #expect(element["a"]?.count == 2)
            #expect(element["missing"] == nil)
            #expect(element["a"]?["b"] == nil)
        }
    }
}

@Suite("JSONLocator finds values by path")
struct JSONLocatorTests {
    @Test func findsNestedValues() {
        let text = "{\"events\": [\n {\"id\": 1},\n {\"id\": \"two\", \"x\": {\"k\\\"ey\": 3}}\n]}"
        let buffer = InputBuffer(name: "l.json", text: text)
        let offset = JSONLocator.offset(of: [.key("events"), .index(1), .key("id")], in: buffer.bytes)
        let position = SourcePosition(file: "l.json", bytes: buffer.bytes, offset: offset ?? -1)
        #expect(position.line == 3 && position.column == 9)
        #expect(JSONLocator.offset(of: [.key("events"), .index(5)], in: buffer.bytes) == nil)
        #expect(JSONLocator.offset(of: [.key("nope")], in: buffer.bytes) == nil)
        #expect([JSONPathComponent.key("events"), .index(412), .key("id")].pathDescription == "events[412].id")
    }
}

@Suite("JSONValue compares, serialises and parses")
struct JSONValueTests {
    @Test func numbersCompareByValue() {
        #expect(JSONValue.integer(1) == .number(1.0))
        #expect(JSONValue.integer(1).hashValue == JSONValue.number(1.0).hashValue)
        #expect(JSONValue.integer(1) != .string("1"))
    }

    @Test func objectsIgnoreOrderForEqualityButKeepItForOutput() throws {
        let first = JSONValue.object(JSONObject([("b", .integer(1)), ("a", .integer(2))]))
        let second = JSONValue.object(JSONObject([("a", .integer(2)), ("b", .integer(1))]))
        #expect(first == second)
        #expect(first.serialized() == #"{"b":1,"a":2}"#)
    }

    @Test func serialisesEscapesAndRoundTrips() throws {
        let value = JSONValue.array([.string("q\"\\\n\u{01}é😀"), .number(1.5), .integer(-3), .null])
        let text = value.serialized()
        #expect(text == #"["q\"\\\n\u0001é😀",1.5,-3,null]"#)
        #expect(try JSONValue.parse(text) == value)
        #expect(try JSONValue.parse(value.serialized(pretty: true)) == value)
    }

    @Test func parseRejectsSeveralValues() {
        #expect(throws: InputError.self) { try JSONValue.parse("1 2") }
    }

    /// JSON compares keys by code point; Swift's `String ==` by canonical equivalence. Two keys that look alike
    /// but differ ("u" + combining diaeresis, and "ü") are two members, each with its own value, in every path
    /// from text to value and back.
    @Test func canonicallyEquivalentKeysStayTwoMembers() throws {
        let value = try JSONValue.parse(#"{"u\u0308": 1, "\u00fc": 2}"#)
        let object = try #require(value.objectValue)
        #expect(object.count == 2)
        #expect(object.keys.map { Array($0.unicodeScalars) } == [["u", "\u{308}"], ["\u{FC}"]])
        #expect(object["u\u{308}"] == .integer(1))
        #expect(object["\u{FC}"] == .integer(2))
        let written = value.serialized()
        #expect(try JSONValue.parse(written).objectValue?.count == 2)

        var edited = object
        edited["\u{FC}"] = nil
        #expect(edited.keys.map { Array($0.unicodeScalars) } == [["u", "\u{308}"]])
        #expect(edited["u\u{308}"] == .integer(1))
        // Objects with the two spellings are different objects.
        #expect(JSONObject([("u\u{308}", .integer(1))]) != JSONObject([("\u{FC}", .integer(1))]))
    }
}

/// Strings lent by one parse stay readable while the reader goes on parsing: a live fetch reads page after page with
/// one reader, and each page's payloads stay borrowed from the parse that read them.
@Suite("Lent strings outlive the reader's next parses")
struct LentStringTests {
    private func borrowed(_ reader: JSONReader, _ text: String) throws -> [BorrowedUTF8] {
        var strings: [BorrowedUTF8] = []
        try reader.forEachDocument(in: InputBuffer(name: "page.json", text: text), expecting: "JSON") { root, info in
            let lender = try #require(reader.lender(for: info))
            for element in root["payloads"]?.elements ?? .empty {
                strings.append(try #require(lender.borrow(element)))
            }
        }
        return strings
    }

    @Test func stringsLentByEarlierParsesAreUnchanged() throws {
        let reader = JSONReader()
        var kept: [(expected: [String], borrowed: [BorrowedUTF8])] = []
        for page in 0..<12 {
            // Pages of different sizes, so that later parses write over every byte an earlier one used.
            let expected = (0..<(40 + page * 7)).map {
                "page \(page) payload \($0) " + String(repeating: "x", count: $0)
            }
            let text = #"{"payloads": [\#(expected.map { "\"\($0)\"" }.joined(separator: ","))]}"#
            kept.append((expected, try borrowed(reader, text)))
        }
        for (expected, borrowed) in kept {
            #expect(borrowed.map(\.string) == expected)
        }
    }

    @Test func aReaderWhoseStringsAreReturnedParsesAgain() throws {
        let reader = JSONReader()
        for page in 0..<3 {
            let strings = try borrowed(reader, #"{"payloads": ["first \#(page)", "second \#(page)"]}"#)
            #expect(strings.map(\.string) == ["first \(page)", "second \(page)"])
        }
    }
}
