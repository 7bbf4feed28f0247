import ASLExpressions
import RetraceCore
import Testing

@Suite("JSONata errors: codes, wording and positions")
struct JSONataErrorTests {
    struct Case: Sendable, CustomStringConvertible {
        var expression: String
        var code: String
        var message: String
        var position: String
        var description: String { expression }
    }

    @Test(arguments: [
        Case(
            expression: "'a' + 1", code: "T2001",
            message: "The left side of the \"+\" operator must evaluate to a number", position: "1:5"),
        Case(
            expression: "1 * true", code: "T2002",
            message: "The right side of the \"*\" operator must evaluate to a number", position: "1:3"),
        Case(
            expression: "1 +\n  2 - 'a'", code: "T2002",
            message: "The right side of the \"-\" operator must evaluate to a number", position: "2:5"),
        Case(
            expression: "1 < 'a'", code: "T2009",
            message: "The values 1 and \"a\" either side of operator \"<\" must be of the same data type",
            position: "1:3"),
        Case(
            expression: "{} >= 1", code: "T2010",
            message: "The expressions either side of operator \">=\" must evaluate to numeric or string values",
            position: "1:4"),
        Case(expression: "-'a'", code: "D1002", message: "Cannot negate a non-numeric value: \"a\"", position: "1:1"),
        Case(expression: "1 / 0", code: "D1001", message: "Number out of range: Infinity", position: "1:3"),
        Case(expression: "$nothing(1)", code: "T1006", message: "Attempted to invoke a non-function", position: "1:1"),
        Case(expression: "'x'()", code: "T1006", message: "Attempted to invoke a non-function", position: "1:1"),
        Case(
            expression: "[1..2.5]", code: "T2004",
            message: "The right side of the range operator (..) must evaluate to an integer", position: "1:3"),
        Case(
            expression: "['a'..2]", code: "T2003",
            message: "The left side of the range operator (..) must evaluate to an integer", position: "1:5"),
        Case(
            expression: "{1: 2}", code: "T1003", message: "Key in object structure must evaluate to a string; got: 1",
            position: "1:1"),
        Case(
            expression: "{'a': 1, 'a': 2}", code: "D1009",
            message: "Multiple key definitions evaluate to same key: \"a\"", position: "1:1"),
        Case(
            expression: "1 ~> 2", code: "T2006",
            message: "The right side of the function application operator ~> must be a function", position: "1:3"),
        Case(
            expression: "$sum('a')", code: "T0412",
            message: "Argument 1 of function \"sum\" must be an array of numbers", position: "1:1"),
        Case(
            expression: "$sum([1, 'a'])", code: "T0412",
            message: "Argument 1 of function \"sum\" must be an array of numbers", position: "1:1"),
        Case(
            expression: "$uppercase(1)", code: "T0410",
            message: "Argument 1 of function \"uppercase\" does not match function signature", position: "1:1"),
        Case(
            expression: "$substring('abc', 'x')", code: "T0410",
            message: "Argument 2 of function \"substring\" does not match function signature", position: "1:1"),
        Case(
            expression: "$exists()", code: "T0410",
            message: "Argument 1 of function \"exists\" does not match function signature", position: "1:1"),
        Case(
            expression: "$count(1, 2)", code: "T0410",
            message: "Argument 2 of function \"count\" does not match function signature", position: "1:1"),
        Case(
            expression: "$number('12a')", code: "D3030", message: "Unable to cast value to a number: \"12a\"",
            position: "1:1"),
        Case(
            expression: "$number(null)", code: "T0410",
            message: "Argument 1 of function \"number\" does not match function signature", position: "1:1"),
        Case(
            expression: "$reduce([1, 2], function($x) { $x })", code: "D3050",
            message: "The second argument of reduce function must be a function with at least two arguments",
            position: "1:1"),
        Case(
            expression: "$sort([1, 'a'])", code: "D3070",
            message:
                "The single argument form of the sort function can only be applied to an array of strings or an array of numbers.  Use the second argument to specify a comparison function",
            position: "1:1"),
        Case(
            expression: "$split('a', ',', -1)", code: "D3020",
            message: "Third argument of split function must evaluate to a positive number", position: "1:1"),
        Case(
            expression: "  $string(1) & $lowercase(2)", code: "T0410",
            message: "Argument 1 of function \"lowercase\" does not match function signature", position: "1:16"),
    ])
    func evaluationErrors(_ test: Case) {
        let error = JSONataHarness().error(test.expression)
        #expect(error?.code == test.code)
        #expect(error?.message == test.message)
        #expect(error?.position?.description == test.position)
        #expect(error?.description == "\(test.code) at \(test.position): \(test.message)")
        #expect(error?.stepFunctionsText == "\(test.code): \(test.message)")
    }

    @Test func didYouMeanTheVariable() throws {
        var harness = JSONataHarness()
        harness.context = try json("{}")
        let error = harness.error("($f := function() { 1 }; f())")
        #expect(error?.code == "T1005")
        #expect(error?.message == "Attempted to invoke a non-function. Did you mean $f?")
    }

    @Test(arguments: [
        Case(expression: "(1", code: "S0203", message: "Expected \")\" before end of expression", position: "1:3"),
        Case(expression: "[1, 2", code: "S0203", message: "Expected \"]\" before end of expression", position: "1:6"),
        Case(expression: "(1]", code: "S0202", message: "Expected \")\", got \"]\"", position: "1:3"),
        Case(expression: "1 +", code: "S0207", message: "Unexpected end of expression", position: "1:4"),
        Case(expression: "", code: "S0207", message: "Unexpected end of expression", position: "1:1"),
        Case(expression: "1 2", code: "S0201", message: "Syntax error: 2", position: "1:3"),
        Case(expression: "a b", code: "S0201", message: "Syntax error: \"b\"", position: "1:3"),
        Case(
            expression: "'abc", code: "S0101", message: "String literal must be terminated by a matching quote",
            position: "1:1"),
        Case(expression: "1e999", code: "S0102", message: "Number out of range: 1e999", position: "1:1"),
        Case(expression: "'\\q'", code: "S0103", message: "Unsupported escape sequence: \\q", position: "1:2"),
        Case(
            expression: "'\\u12'", code: "S0104", message: "The escape sequence \\u must be followed by 4 hex digits",
            position: "1:6"),
        Case(
            expression: "`abc", code: "S0105", message: "Quoted property name must be terminated with a backquote (`)",
            position: "1:1"),
        Case(expression: "1 /* open", code: "S0106", message: "Comment has no closing tag", position: "1:3"),
        Case(
            expression: "function(a) { 1 }", code: "S0208",
            message: "Parameter 1 of function definition must be a variable name (start with $)", position: "1:10"),
        Case(
            expression: "1 := 2", code: "S0212", message: "The left side of := must be a variable name (start with $)",
            position: "1:1"),
        Case(
            expression: "a.1", code: "S0213",
            message: "The literal value 1 cannot be used as a step within a path expression", position: "1:3"),
        Case(
            expression: "a.true", code: "S0213",
            message: "The literal value true cannot be used as a step within a path expression", position: "1:3"),
        Case(
            expression: "= 1", code: "S0211", message: "The symbol \"=\" cannot be used as a unary operator",
            position: "1:1"),
        Case(
            expression: "a{'x': 1}{'y': 2}", code: "S0210", message: "Each step can only have one grouping expression",
            position: "1:10"),
        Case(
            expression: "a{'x': 1}[0]", code: "S0209",
            message: "A predicate cannot follow a grouping expression in a step", position: "1:11"),
        Case(
            expression: "[1..]", code: "S0211", message: "The symbol \"]\" cannot be used as a unary operator",
            position: "1:5"),
        Case(expression: "1 .. 2", code: "S0201", message: "Syntax error: \"..\"", position: "1:3"),
    ])
    func syntaxErrors(_ test: Case) {
        let error = JSONataHarness().error(test.expression)
        guard case .syntax(let code, let message, let position) = error else {
            Issue.record("expected a syntax error for \(test.expression), got \(String(describing: error))")
            return
        }
        #expect(code == test.code)
        #expect(message == test.message)
        #expect(position.description == test.position)
    }

    @Test(arguments: [
        ("$a ?? 1", "coalescing operator ??", "1:4"),
        ("$a ?: 1", "default operator ?:", "1:4"),
        ("$eval('1 + 1')", "function $eval", "1:1"),
        ("$now('[Y]')", "$now with picture or timezone arguments", "1:1"),
    ])
    func unsupportedFeatures(expression: String, feature: String, position: String) throws {
        let error = JSONataHarness().error(expression)
        #expect(error == .unsupportedFeature(name: feature, position: try #require(error?.position)))
        #expect(error?.description == "unsupported JSONata feature \(feature) at \(position)")
    }

    @Test func knownButMissingFunctionsAreNotGuessed() throws {
        // A function JSONata does not define at all behaves as JSONata does: not a function.
        #expect(JSONataHarness().error("$randomSeeded(1)")?.code == "T1006")
        // A user binding of the same name as an unimplemented function is used normally.
        #expect(try JSONataHarness().value("($match := function($s) { $s & '!' }; $match('a'))") == .string("a!"))
    }

    @Test func errorsInsideFunctionsPointAtTheCall() {
        let error = JSONataHarness().error("($f := function($x) { $x + 'a' };\n $f(1))")
        #expect(error?.code == "T2002")
        #expect(error?.position?.description == "1:26", "the operator inside the function body")
        let builtin = JSONataHarness().error("[1, 2] ~> $map(function($v) { $uppercase($v) })")
        #expect(builtin?.code == "T0410")
        #expect(builtin?.position?.description == "1:31")
    }
}
