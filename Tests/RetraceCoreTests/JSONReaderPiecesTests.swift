import Testing

@testable import RetraceCore

@Suite("A large object is parsed in pieces exactly as it would be whole")
struct JSONReaderPiecesTests {
    /// What `forEachPiece` read: the object, every element of the split array in order with the index it was given,
    /// and the element count announced; `nil` when it declined.
    private func pieces(_ text: String, member: String = "events", groupBytes: Int = 16) throws -> (
        object: JSONValue, elements: [JSONValue], indices: [Int], announced: Int
    )? {
        var object: JSONValue = .null
        var elements: [JSONValue] = []
        var indices: [Int] = []
        var announced = 0
        let split = try JSONReader().forEachPiece(
            of: InputBuffer(name: "big.json", text: text), members: [member], groupBytes: groupBytes,
            object: { element, _, _, count in
                object = element.value
                announced = count
                return true
            },
            elements: { group, first, _ in
                for (offset, element) in group.enumerated() {
                    elements.append(element.value)
                    indices.append(first + offset)
                }
            })
        return split ? (object, elements, indices, announced) : nil
    }

    private func whole(_ text: String) throws -> JSONValue {
        var value: JSONValue = .null
        try JSONReader().forEachDocument(in: InputBuffer(name: "big.json", text: text), expecting: "JSON") { e, _ in
            value = e.value
        }
        return value
    }

    private let page = """
        {"executionArn": "arn:x", "events": [ {"id": 1, "s": "a,]}\\"{["}, {"id": 2, "n": [1, [2, {"x": null}]]},
         {"id": 3, "t": true}, "four", 5.5e1, {"id": 6, "u": "\\u00fc\\\\"} ], "nextToken": null}
        """

    @Test func readsEveryElementOnceInOrderWithItsIndex() throws {
        let result = try #require(try pieces(page))
        let reference = try whole(page)
        let all = try #require(reference["events"]?.arrayValue)
        #expect(result.object["executionArn"] == reference["executionArn"])
        #expect(result.object["nextToken"] == .null)
        // The object keeps the first element; the groups hold the rest.
        #expect(result.object["events"]?.arrayValue == [all[0]])
        #expect(result.elements == Array(all.dropFirst()))
        #expect(result.indices == Array(1..<all.count))
        #expect(result.announced == all.count)
    }

    @Test func stringsOfEveryLengthWithEscapesAnywhereEndWhereTheyEnd() throws {
        // Escaped quotes and backslashes at every offset of the scan's eight-byte words, and strings of every
        // length around them.
        let parts = ["a", "\\\"", "\\\\", "é", "{", "]", ",", " ", "\\n"]
        var strings: [String] = []
        var seed: UInt64 = 42
        for length in 0..<60 {
            var text = ""
            for _ in 0..<length {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += parts[Int(seed >> 33) % parts.count]
            }
            strings.append("\"" + text + "\"")
        }
        let text = #"{"events": ["# + strings.joined(separator: ", ") + "]}"
        let result = try #require(try pieces(text, groupBytes: 40))
        let reference = try #require(try whole(text)["events"]?.arrayValue)
        #expect(result.elements == Array(reference.dropFirst()))
    }

    @Test func groupsAreBoundedAndALargeElementStandsAlone() throws {
        let big = String(repeating: "x", count: 200)
        let text = #"{"events": [1, 2, 3, 4, "\#(big)", 5, 6, 7]}"#
        let split = try #require(
            text.utf8.withContiguousStorageIfAvailable {
                JSONArraySplit.find(
                    members: ["events"], in: UnsafeRawBufferPointer($0), groupBytes: 4, maxDepth: 1024)
            } ?? nil)
        #expect(split.groups.map(\.count) == [2, 1, 1, 2, 1])
        #expect(split.groups.map(\.firstIndex) == [1, 3, 4, 5, 7])
        #expect(try pieces(text, groupBytes: 4)?.elements.count == 7)
    }

    private func split(_ text: String, _ members: [String]) -> JSONArraySplit? {
        text.utf8.withContiguousStorageIfAvailable {
            JSONArraySplit.find(members: members, in: UnsafeRawBufferPointer($0), groupBytes: 4, maxDepth: 1024)
        } ?? nil
    }

    @Test func splitsTheFirstOfTheMembersTheObjectHasAsALookupWould() throws {
        let text = #"{"OperationEvents": [1, 2], "StackEvents": [3, 4, 5]}"#
        let found = try #require(split(text, ["StackEvents", "OperationEvents"]))
        #expect(found.member == "StackEvents")
        #expect(String(decoding: Array(text.utf8)[found.first], as: UTF8.self) == "3")
        #expect(found.groups.reduce(0) { $0 + $1.count } == 2)
        // The member looked up first is not an array: the lookup would not read the other.
        #expect(split(#"{"events": 3, "Events": [1, 2]}"#, ["events", "Events"]) == nil)
        // A repeated key: a lookup finds the first.
        #expect(split(#"{"events": [1, 2], "events": [3, 4, 5]}"#, ["events"])?.groups.first?.count == 1)
    }

    @Test(arguments: [
        // Not one object with the member as an array of two elements or more.
        #"[{"events": [1, 2]}]"#, #"{"events": [1]}"#, #"{"events": []}"#, #"{"other": [1, 2]}"#,
        #"{"events": {"a": 1}}"#, #"{"ev\u0065nts": [1, 2]}"#,
        // JSON Lines whose first line is a page: read whole, as two documents.
        "{\"events\": [1, 2]}\n{\"events\": [3, 4]}\n",
        // Invalid: left to the whole parse, which says where.
        #"{"events": [1, 2,]}"#, #"{"events": [1, 2]"#, #"{"events": [1, 2]} x"#,
    ])
    func declinesWhatItDoesNotExpect(text: String) throws {
        #expect(try pieces(text) == nil)
    }

    @Test(arguments: [
        #"{"events": [{"id": 1}, {"id": 2, "x": tru}]}"#,
        #"{"events": [{"id": 1}, {"id": 2, "x": "\u12"}]}"#,
        #"{"events": [{"id": 1}, {"id": 2, "x": [1}]}"#,
    ])
    func aMistakeInAGroupIsPlacedAsAWholeParsePlacesIt(text: String) throws {
        var whole: String?
        do { _ = try self.whole(text) } catch { whole = String(describing: error) }
        // As the decoders do: in pieces, or whole when the pieces decline (here, for the mismatched bracket).
        var pieced: String?
        do {
            if try pieces(text, groupBytes: 1) == nil { _ = try self.whole(text) }
        } catch {
            pieced = String(describing: error)
        }
        #expect(whole != nil)
        #expect(pieced == whole)
    }

    @Test func nestingDeeperThanTheParserAllowsIsLeftToTheWholeParse() throws {
        let deep =
            String(repeating: "[", count: JSONReader.maxDepth) + String(repeating: "]", count: JSONReader.maxDepth)
        #expect(try pieces(#"{"events": [1, \#(deep)]}"#) == nil)
    }
}

extension JSONValue {
    fileprivate var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }
}
