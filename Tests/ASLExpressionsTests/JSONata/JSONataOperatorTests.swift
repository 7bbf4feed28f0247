import ASLExpressions
import RetraceCore
import Testing

@Suite("JSONata operators and constructors")
struct JSONataOperatorTests {
    @Test(arguments: [
        ("1 + 2", "3"),
        ("7 - 10", "-3"),
        ("6 * 7", "42"),
        ("7 / 2", "3.5"),
        ("7 % 3", "1"),
        ("-7 % 3", "-1"),
        ("5.5 % 2", "1.5"),
        ("2 + 3 * 4", "14"),
        ("(2 + 3) * 4", "20"),
        ("10 - 4 - 3", "3"),
        ("-(1 + 2)", "-3"),
        ("--4", "4"),
        ("1.5e3 + 0", "1500"),
        ("0.1 + 0.2 = 0.3", "false"),
        ("$string(0.1 + 0.2)", "\"0.3\""),
    ])
    func arithmetic(expression: String, expected: String) throws {
        #expect(try JSONataHarness().value(expression) == (try json(expected)), "\(expression)")
    }

    @Test(arguments: [
        ("1 = 1", true), ("1 = 1.0", true), ("1 = '1'", false), ("'a' = 'a'", true), ("'a' != 'b'", true),
        ("null = null", true), ("true = true", true), ("[1, 2] = [1, 2]", true), ("[1, 2] = [2, 1]", false),
        ("{'a': 1, 'b': 2} = {'b': 2, 'a': 1}", true), ("{'a': 1} = {'a': 2}", false),
        ("1 < 2", true), ("2 <= 2", true), ("3 > 2", true), ("2 >= 3", false),
        ("'a' < 'b'", true), ("'B' < 'a'", true), ("'abc' < 'abd'", true), ("'' < 'a'", true),
        ("true and false", false), ("true or false", true), ("0 or ''", false), ("'x' and 1", true),
        ("[] or {}", false), ("[0, 1] and true", true), ("[0] or false", false),
        ("2 in [1, 2, 3]", true), ("'b' in 'b'", true), ("4 in [1, 2, 3]", false), ("'1' in [1]", false),
        ("1 = 1 and 2 = 2 or false", true), ("false and false or true", true),
    ])
    func comparisonsAndLogic(expression: String, expected: Bool) throws {
        #expect(try JSONataHarness().value(expression) == .bool(expected), "\(expression)")
    }

    @Test(arguments: [
        ("'a' & 'b'", "\"ab\""),
        ("'n=' & 5", "\"n=5\""),
        ("'x' & true & null", "\"xtruenull\""),
        ("'v' & [1, 'a']", "\"v[1,\\\"a\\\"]\""),
        ("'v' & {'k': 1.50}", "\"v{\\\"k\\\":1.5}\""),
        ("1 & 2", "\"12\""),
    ])
    func concatenation(expression: String, expected: String) throws {
        #expect(try JSONataHarness().value(expression) == (try json(expected)), "\(expression)")
    }

    @Test(arguments: [
        ("true ? 'y' : 'n'", "\"y\""),
        ("0 ? 'y' : 'n'", "\"n\""),
        ("[1] ? 'y' : 'n'", "\"y\""),
        ("1 > 2 ? 'a' : 2 > 1 ? 'b' : 'c'", "\"b\""),
        ("[1..5]", "[1, 2, 3, 4, 5]"),
        ("[0, 2..4, 9]", "[0, 2, 3, 4, 9]"),
        ("[1..3, 5..6]", "[1, 2, 3, 5, 6]"),
        ("[-2..0]", "[-2, -1, 0]"),
        ("[1..0]", "[]"),
        ("[[1, 2], [3]]", "[[1, 2], [3]]"),
        ("[1, [2, 3], 4]", "[1, [2, 3], 4]"),
        ("{'a': 1, 'b': [1, 2], 'c': {'d': null}}", "{\"a\": 1, \"b\": [1, 2], \"c\": {\"d\": null}}"),
        ("{'k' & 1: 'v'}", "{\"k1\": \"v\"}"),
        ("{}", "{}"),
        ("($a := 2; $b := $a * 3; $a + $b)", "8"),
        ("($a := 1; ($a := 2); $a)", "1"),
        ("$x := 5", "5"),
        ("(1; 2; 3)", "3"),
        ("function($x) { $x * 2 }(21)", "42"),
        ("($double := function($x) { $x * 2 }; $double(4))", "8"),
        ("(\n  /* comments are ignored */\n  $f := λ($a, $b) { $a & $b };\n  $f('x', 'y')\n)", "\"xy\""),
        ("($add := function($a, $b) { $a + $b }; $add(1))", "null"),
        ("($fact := function($n) { $n <= 1 ? 1 : $n * $fact($n - 1) }; $fact(10))", "3628800"),
        ("($k := 10; $f := function($x) { $x + $k }; $k := 20; $f(1))", "21"),
        ("($make := function($n) { function($x) { $x + $n } }; $make(3)(4))", "7"),
        ("'hello' ~> $uppercase()", "\"HELLO\""),
        ("'a,b' ~> $split(',') ~> $join('-')", "\"a-b\""),
        ("[3, 1, 2] ~> $sort ~> $reverse", "[3, 2, 1]"),
        ("($twice := $uppercase ~> $lowercase; $twice('MiXeD'))", "\"mixed\""),
        ("1 ~> function($x) { $x + 1 }", "2"),
    ])
    func expressions(expression: String, expected: String) throws {
        let result = try JSONataHarness().value(expression)
        if expected == "null" {
            #expect(result == nil, "\(expression) should be undefined")
        } else {
            #expect(result == (try json(expected)), "\(expression)")
        }
    }

    @Test func literalsAndEscapes() throws {
        let harness = JSONataHarness()
        #expect(try harness.value(#""a\"b\\c\/d\n\t""#) == .string("a\"b\\c/d\n\t"))
        // JSONata has no `\'` escape; a single quote goes inside double quotes instead.
        #expect(harness.error(#"'it\'s'"#)?.code == "S0103")
        #expect(try harness.value(#""it's""#) == .string("it's"))
        #expect(try harness.value(#""\u00e9\ud83d\ude00""#) == .string("é😀"))
        #expect(try harness.value("'single'") == .string("single"))
        #expect(try harness.value("true") == .bool(true))
        #expect(try harness.value("null") == .null)
        #expect(try harness.value("1e2") == .integer(100))
        #expect(try harness.value("0.5") == .number(0.5))
    }

    @Test func numbersComeOutExactWhenIntegral() throws {
        let harness = JSONataHarness()
        #expect(try harness.value("2 * 3") == .integer(6))
        guard case .integer = try harness.value("2 * 3") else {
            Issue.record("an integral result should be an integer")
            return
        }
        let big = try JSONataHarness.states(input: "{\"id\": 9223372036854775807}")
        #expect(try big.value("$states.input.id") == .integer(9_223_372_036_854_775_807), "data passes through exactly")
    }
}
