import ASLExpressions
import RetraceCore
import Testing

/// Randomness with fixed answers, recording what it was asked.
private struct FixedRandomness: IntrinsicRandomness {
    func randomInteger(in range: ClosedRange<Int64>, seed: Int64?) -> Int64 {
        seed.map { range.lowerBound + abs($0 % (range.upperBound - range.lowerBound + 1)) } ?? range.upperBound
    }

    func randomUUID() -> String { "00000000-0000-4000-8000-000000000000" }
}

@Suite("Intrinsic functions")
struct IntrinsicEvaluatorTests {
    static let input = """
        {"name": "Arnav", "template": "Hello, my name is {}.", "n": 7, "half": 2.5, "list": [1, 2, 2, "a", "a", {"k": 1},
         {"k": 1}], "nums": [1, 2, 3, 4, 5, 6, 7, 8, 9], "escaped": "{\\"foo\\": \\"bar\\"}", "obj": {"foo": "bar"},
         "json1": {"a": {"a1": 1, "a2": 2}, "b": 2}, "json2": {"a": {"a3": 1, "a4": 2}, "c": 3}, "csv": "1,2,3,4,5",
         "long": "\(String(repeating: "x", count: 10_001))"}
        """

    let evaluator = IntrinsicEvaluator(randomness: FixedRandomness())

    func run(_ expression: String) throws -> JSONValue {
        try evaluator.evaluate(expression, in: environment(Self.input))
    }

    @Test(
        "each function computes what AWS documents",
        arguments: [
            ("States.Format('Hello, my name is {}.', $.name)", #""Hello, my name is Arnav.""#),
            ("States.Format($.template, $.name)", #""Hello, my name is Arnav.""#),
            ("States.Format('{} is {}, {} {}', $.n, $.half, true, null)", #""7 is 2.5, true null""#),
            ("States.Format('\\{\\} stays, {} fills', 'x')", #""{} stays, x fills""#),
            ("States.Format('{}', $.obj)", #""{foo=bar}""#),
            ("States.Format('{}', $.json1)", #""{a={a1=1, a2=2}, b=2}""#),
            ("States.Format('{} and {}', $.list, States.Array())", #""[1, 2, 2, a, a, {k=1}, {k=1}] and []""#),
            (#"States.Format('{}', $['obj']["f\oo"])"#, #""bar""#),
            ("States.StringToJson('')", "null"),
            ("States.StringToJson('  ')", "null"),
            ("States.Format('no placeholders')", #""no placeholders""#),
            ("States.StringToJson($.escaped)", #"{"foo": "bar"}"#),
            ("States.StringToJson('[1, 2]')", "[1, 2]"),
            ("States.JsonToString($.obj)", #""{\"foo\":\"bar\"}""#),
            ("States.JsonToString($.n)", #""7""#),
            ("States.Array()", "[]"),
            ("States.Array($.n, 'x', States.Array(1))", #"[7, "x", [1]]"#),
            ("States.ArrayPartition($.nums, 4)", "[[1, 2, 3, 4], [5, 6, 7, 8], [9]]"),
            ("States.ArrayPartition($.nums, 20)", "[[1, 2, 3, 4, 5, 6, 7, 8, 9]]"),
            ("States.ArrayPartition(States.Array(), 2)", "[]"),
            ("States.ArrayContains($.list, 'a')", "true"),
            ("States.ArrayContains($.list, 2.0)", "true"),
            ("States.ArrayContains($.list, $.obj)", "false"),
            ("States.ArrayContains($.list, States.JsonMerge($.obj, States.StringToJson('{}'), false))", "false"),
            ("States.ArrayRange(1, 9, 2)", "[1, 3, 5, 7, 9]"),
            ("States.ArrayRange(1, 10, 2)", "[1, 3, 5, 7, 9]"),
            ("States.ArrayRange(9, 1, -3)", "[9, 6, 3]"),
            ("States.ArrayRange(5, 1, 1)", "[]"),
            ("States.ArrayRange(0, 999, 1.0)", "[\(Array(0...999).map(String.init).joined(separator: ","))]"),
            ("States.ArrayGetItem($.nums, 5)", "6"),
            ("States.ArrayGetItem($.list, 5)", #"{"k": 1}"#),
            ("States.ArrayLength($.nums)", "9"),
            ("States.ArrayLength(States.Array())", "0"),
            ("States.ArrayUnique($.list)", #"[1, 2, "a", {"k": 1}]"#),
            ("States.Base64Encode('Data to encode')", #""RGF0YSB0byBlbmNvZGU=""#),
            ("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')", #""Data to encode""#),
            ("States.Base64Decode(States.Base64Encode('héllo ✓'))", #""héllo ✓""#),
            ("States.Hash('input data', 'SHA-1')", #""aaff4a450a104cd177d28d18d74485e8cae074b7""#),
            ("States.Hash($.name, 'MD5')", #""\#(Digest.hexDigest(of: "Arnav", with: .md5))""#),
            ("States.JsonMerge($.json1, $.json2, false)", #"{"a": {"a3": 1, "a4": 2}, "b": 2, "c": 3}"#),
            ("States.MathRandom(1, 999)", "999"),
            ("States.MathRandom(1, 10, 24)", "5"),
            ("States.MathRandom(1.4, 2.6)", "3"),
            ("States.MathAdd(111, -1)", "110"),
            ("States.MathAdd($.half, 1)", "4"),
            ("States.MathAdd(-2.5, 0)", "-2"),
            ("States.MathAdd(1.2, 1.7)", "3"),
            ("States.StringSplit($.csv, ',')", #"["1", "2", "3", "4", "5"]"#),
            ("States.StringSplit('This.is+a,test=string', '.+,=')", #"["This", "is", "a", "test", "string"]"#),
            ("States.StringSplit(',,a,,b,', ',')", #"["a", "b"]"#),
            ("States.StringSplit('', ',')", "[]"),
            ("States.UUID()", #""00000000-0000-4000-8000-000000000000""#),
        ])
    func success(expression: String, expected: String) throws {
        #expect(try run(expression) == json(expected))
    }

    @Test(
        "type and value errors are States.IntrinsicFailure with a clear message",
        arguments: [
            ("States.Format('{} {}', 1)", "more {} placeholders"),
            ("States.Format('{}', 1, 2)", "1 {} placeholders but 2 values"),
            ("States.Format($.n)", "must be a string"),
            ("States.StringToJson($.n)", "must be a string"),
            ("States.StringToJson('{not json')", "not valid JSON"),
            ("States.ArrayPartition($.obj, 2)", "must be an array"),
            ("States.ArrayPartition($.nums, 0)", "must be positive"),
            ("States.ArrayPartition($.nums, 1.5)", "must be an integer"),
            ("States.ArrayContains('a', 'a')", "must be an array"),
            ("States.ArrayRange(1, 10, 0)", "cannot be 0"),
            ("States.ArrayRange(0, 1000, 1)", "more than 1000 items"),
            ("States.ArrayRange(-9223372036854775807, 9223372036854775807, 1)", "more than 1000 items"),
            ("States.ArrayRange(1, 'a', 1)", "must be an integer"),
            ("States.ArrayGetItem($.nums, 9)", "outside the array"),
            ("States.ArrayGetItem($.nums, -1)", "outside the array"),
            ("States.ArrayLength($.name)", "must be an array"),
            ("States.ArrayUnique($.n)", "must be an array"),
            ("States.Base64Encode($.long)", "at most 10000"),
            ("States.Base64Encode($.n)", "must be a string"),
            ("States.Base64Decode('%%%')", "not valid Base64"),
            ("States.Base64Decode('/w==')", "not UTF-8"),
            ("States.Hash('x', 'SHA-999')", "is not one of the algorithms"),
            ("States.Hash($.long, 'MD5')", "at most 10000"),
            ("States.Hash($.n, 'MD5')", "must be a string"),
            ("States.JsonMerge($.json1, $.json2, true)", "only shallow merging"),
            ("States.JsonMerge($.json1, $.list, false)", "must be a JSON object"),
            ("States.JsonMerge($.json1, $.json2, 'false')", "must be a boolean"),
            ("States.MathRandom(10, 1)", "greater than the end"),
            ("States.MathRandom('1', 10)", "must be a number"),
            ("States.MathAdd(9223372036854775807, 1)", "too large"),
            ("States.MathAdd($.name, 1)", "must be a number"),
            ("States.StringSplit($.n, ',')", "must be a string"),
            ("States.StringSplit('a', '')", "delimiter string is empty"),
        ])
    func failure(expression: String, fragment: String) throws {
        #expect {
            try run(expression)
        } throws: { error in
            guard let error = error as? IntrinsicError else { return false }
            return error.statesError == "States.IntrinsicFailure" && error.description.contains(fragment)
        }
    }

    @Test("a path argument that finds nothing is States.Runtime")
    func missingPath() throws {
        #expect {
            try run("States.Format('{}', $.missing)")
        } throws: { error in
            guard let error = error as? IntrinsicError, case .path(.notFound) = error else { return false }
            return error.statesError == "States.Runtime"
        }
    }

    @Test("system randomness stays in range and is reproducible with a seed")
    func systemRandomness() throws {
        let system = IntrinsicEvaluator()
        let env = try environment("{}")
        for _ in 0..<50 {
            let value = try system.evaluate("States.MathRandom(3, 5)", in: env)
            #expect([JSONValue.integer(3), .integer(4), .integer(5)].contains(value))
        }
        let first = try system.evaluate("States.MathRandom(0, 1000000, 42)", in: env)
        #expect(try system.evaluate("States.MathRandom(0, 1000000, 42)", in: env) == first)
        #expect(try system.evaluate("States.MathRandom(7, 7)", in: env) == .integer(7))
    }

    @Test("UUIDs are version 4, lowercase, and differ")
    func uuids() throws {
        let system = IntrinsicEvaluator()
        let env = try environment("{}")
        let first = try #require(try system.evaluate("States.UUID()", in: env).stringValue)
        let second = try #require(try system.evaluate("States.UUID()", in: env).stringValue)
        #expect(first != second)
        let parts = first.split(separator: "-").map(\.count)
        #expect(parts == [8, 4, 4, 4, 12])
        #expect(first.allSatisfy { "0123456789abcdef-".contains($0) })
        #expect(Array(first)[14] == "4")
        #expect("89ab".contains(Array(first)[19]))
    }

    @Test("scripted randomness replays recorded values, then falls back")
    func scripted() throws {
        let script = ScriptedIntrinsicRandomness(
            integers: [5, 500], uuids: ["11111111-1111-4111-8111-111111111111"], fallback: FixedRandomness())
        let scripted = IntrinsicEvaluator(randomness: script)
        let env = try environment("{}")
        #expect(try scripted.evaluate("States.MathRandom(1, 10)", in: env) == .integer(5))
        #expect(try scripted.evaluate("States.MathRandom(1, 10)", in: env) == .integer(10))
        #expect(try scripted.evaluate("States.MathRandom(1, 10)", in: env) == .integer(10))
        #expect(try scripted.evaluate("States.UUID()", in: env) == .string("11111111-1111-4111-8111-111111111111"))
        #expect(try scripted.evaluate("States.UUID()", in: env) == .string("00000000-0000-4000-8000-000000000000"))
    }

    @Test("intrinsics read variables and the context object")
    func variablesAndContext() throws {
        let env = try environment(
            "{}", context: #"{"Execution": {"Name": "run-1"}}"#, variables: ["count": "2", "names": #"["a", "b"]"#])
        #expect(
            try evaluator.evaluate("States.Format('{}: {} of {}', $$.Execution.Name, $count, $names)", in: env)
                == .string("run-1: 2 of [a, b]"))
        #expect(
            try evaluator.evaluate("States.ArrayGetItem($names, States.MathAdd($count, -1))", in: env) == .string("b"))
    }
}
