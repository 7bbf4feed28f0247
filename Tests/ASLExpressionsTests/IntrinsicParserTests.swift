import ASLExpressions
import RetraceCore
import Testing

@Suite("Intrinsic function parsing")
struct IntrinsicParserTests {
    @Test("arguments of every kind, nested calls and spacing")
    func argumentKinds() throws {
        let call = try IntrinsicCall(
            parsing: "States.Array( 'it\\'s', -1.5, 42, true, false, null, $.a[0], $$.Execution.Id, $var, "
                + "States.UUID() )")
        #expect(call.function == .array)
        #expect(call.arguments.count == 10)
        #expect(call.arguments[0] == .string(value: "it's", raw: "it\\'s"))
        #expect(call.arguments[1] == .literal(.number(-1.5)))
        #expect(call.arguments[2] == .literal(.integer(42)))
        #expect(call.arguments[3] == .literal(.bool(true)))
        #expect(call.arguments[4] == .literal(.bool(false)))
        #expect(call.arguments[5] == .literal(.null))
        #expect(call.arguments[6] == .path(try JSONPath("$.a[0]")))
        #expect(call.arguments[7] == .path(try JSONPath("$$.Execution.Id")))
        #expect(call.arguments[8] == .path(try JSONPath("$var")))
        guard case .call(let nested) = call.arguments[9] else {
            Issue.record("expected a nested call")
            return
        }
        #expect(nested.function == .uuid)
        #expect(nested.arguments.isEmpty)
    }

    @Test("paths may hold commas and parentheses inside brackets and filters")
    func pathsWithBrackets() throws {
        let call = try IntrinsicCall(parsing: "States.Array($.a[0,1], $.b[?(@.c == 'x,y)')].d)")
        #expect(call.arguments == [.path(try JSONPath("$.a[0,1]")), .path(try JSONPath("$.b[?(@.c == 'x,y)')].d"))])
    }

    @Test(
        "string escapes",
        arguments: [
            ("'\\{\\}'", "{}"), ("'a\\\\b'", "a\\b"), ("'\\''", "'"), ("'{}'", "{}"), ("''", ""), ("'日本'", "日本"),
        ])
    func escapes(literal: String, value: String) throws {
        let call = try IntrinsicCall(parsing: "States.Array(\(literal))")
        guard case .string(let parsed, _)? = call.arguments.first else {
            Issue.record("expected a string argument")
            return
        }
        #expect(parsed == value)
    }

    @Test(
        "malformed calls are refused with a position",
        arguments: [
            "States.Array(", "States.Array('a'", "States.Array('a' 'b')", "Array(1)", "States.Array(1) x",
            "States.Array('\\n')", "States.Array(tru)", "States.Array(,)", "States.Array(1e999)",
        ])
    func syntax(text: String) {
        #expect {
            try IntrinsicCall(parsing: text)
        } throws: { error in
            if case IntrinsicError.syntax(let expression, let position, _) = error {
                return expression == text && position >= 1 && position <= text.count + 1
            }
            return false
        }
    }

    @Test("unknown functions and wrong argument counts are refused")
    func unknownAndArity() {
        #expect(throws: IntrinsicError.unknownFunction(name: "States.Nope")) {
            try IntrinsicCall(parsing: "States.Nope(1)")
        }
        #expect(throws: IntrinsicError.argumentCount(function: .arrayLength, expected: "exactly 1", found: 2)) {
            try IntrinsicCall(parsing: "States.ArrayLength($.a, $.b)")
        }
        #expect(throws: IntrinsicError.argumentCount(function: .mathRandom, expected: "2 or 3", found: 1)) {
            try IntrinsicCall(parsing: "States.MathRandom(1)")
        }
        #expect(throws: IntrinsicError.argumentCount(function: .format, expected: "at least 1", found: 0)) {
            try IntrinsicCall(parsing: "States.Format()")
        }
        #expect(throws: IntrinsicError.argumentCount(function: .uuid, expected: "exactly 0", found: 1)) {
            try IntrinsicCall(parsing: "States.UUID(1)")
        }
    }

    @Test("nesting is limited to 10 calls, as on AWS")
    func nestingLimit() throws {
        func nested(_ depth: Int) -> String {
            String(repeating: "States.Array(", count: depth) + "1" + String(repeating: ")", count: depth)
        }
        _ = try IntrinsicCall(parsing: nested(10))
        #expect(throws: IntrinsicError.self) { try IntrinsicCall(parsing: nested(11)) }
    }

    @Test("invalid path arguments report the path error")
    func invalidPath() {
        #expect {
            try IntrinsicCall(parsing: "States.Array($.a[)")
        } throws: { error in
            guard case IntrinsicError.path(.syntax) = error else { return false }
            return true
        }
    }
}
