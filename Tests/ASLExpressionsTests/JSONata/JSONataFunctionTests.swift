import ASLExpressions
import RetraceCore
import Testing

@Suite("JSONata built-in functions")
struct JSONataFunctionTests {
    /// Each case: expression, expected JSON (or `undefined`).
    @Test(arguments: [
        // $string
        ("$string('a')", "\"a\""), ("$string(5)", "\"5\""), ("$string(1.0)", "\"1\""), ("$string(-0.5)", "\"-0.5\""),
        ("$string(1e21)", "\"1e+21\""), ("$string(1e20)", "\"100000000000000000000\""),
        ("$string(0.000001)", "\"0.000001\""),
        ("$string(1e-7)", "\"1e-7\""), ("$string(1/3)", "\"0.333333333333333\""), ("$string(true)", "\"true\""),
        ("$string(null)", "\"null\""), ("$string([1, 'a', {'b': null}])", "\"[1,\\\"a\\\",{\\\"b\\\":null}]\""),
        ("$string({'a': [1, 2]}, true)", "\"{\\n  \\\"a\\\": [\\n    1,\\n    2\\n  ]\\n}\""),
        ("$string(function($x) { $x })", "\"\""), ("$string(\"tab\\there\")", "\"tab\\there\""),
        ("$string({'s': \"q\\\"\\n\"})", "\"{\\\"s\\\":\\\"q\\\\\\\"\\\\n\\\"}\""),
        // $number
        ("$number('42')", "42"), ("$number('-1.5e2')", "-150"), ("$number('0x1F')", "31"), ("$number('0b101')", "5"),
        ("$number('0o17')", "15"), ("$number(true)", "1"), ("$number(false)", "0"), ("$number(7)", "7"),
        // $boolean / $not / $exists / $type
        ("$boolean('')", "false"), ("$boolean('0')", "true"), ("$boolean(0)", "false"), ("$boolean([0, 1])", "true"),
        ("$boolean([0])", "false"), ("$boolean({})", "false"), ("$boolean({'a': 0})", "true"),
        ("$boolean(null)", "false"),
        ("$boolean($uppercase)", "false"), ("$not(true)", "false"), ("$not('')", "true"), ("$exists(0)", "true"),
        ("$exists(null)", "true"), ("$type(1)", "\"number\""), ("$type('a')", "\"string\""),
        ("$type(true)", "\"boolean\""),
        ("$type(null)", "\"null\""), ("$type([])", "\"array\""), ("$type({})", "\"object\""),
        ("$type($string)", "\"function\""),
        // aggregation
        ("$count([1, 2, 3])", "3"), ("$count([])", "0"), ("$count('one')", "1"), ("$sum([1, 2, 3.5])", "6.5"),
        ("$sum([])", "0"), ("$sum(5)", "5"), ("$max([1, 9, 3])", "9"), ("$min([4, -2, 8])", "-2"),
        ("$average([1, 2, 3, 4])", "2.5"),
        // numbers
        ("$round(2.5)", "2"), ("$round(3.5)", "4"), ("$round(-2.5)", "-2"), ("$round(2.567, 2)", "2.57"),
        ("$round(1.005, 2)", "1"), ("$round(1.015, 2)", "1.02"), ("$round(1234.5, -1)", "1230"),
        ("$round(1235, -1)", "1240"),
        ("$floor(-1.5)", "-2"), ("$ceil(1.2)", "2"), ("$abs(-3)", "3"), ("$abs(-2.5)", "2.5"),
        // strings
        ("$length('héllo😀')", "6"), ("$length('')", "0"), ("$uppercase('abc')", "\"ABC\""),
        ("$lowercase('ÀB')", "\"àb\""),
        ("$trim('  a \\n\\t b  ')", "\"a b\""), ("$substring('Hello World', 3)", "\"lo World\""),
        ("$substring('Hello World', 3, 5)", "\"lo Wo\""), ("$substring('Hello World', -4)", "\"orld\""),
        ("$substring('Hello World', -4, 2)", "\"or\""), ("$substring('abc', 1, -1)", "\"\""),
        ("$substring('abc', -10, 2)", "\"ab\""),
        ("$substring('a😀b', 1, 1)", "\"😀\""), ("$substringBefore('Hello World', ' ')", "\"Hello\""),
        ("$substringBefore('Hello', 'x')", "\"Hello\""), ("$substringAfter('Hello World', ' ')", "\"World\""),
        ("$substringAfter('a-b-c', '-')", "\"b-c\""), ("$contains('abracadabra', 'bra')", "true"),
        ("$contains('abc', 'x')", "false"), ("$split('a,b,,c', ',')", "[\"a\", \"b\", \"\", \"c\"]"),
        ("$split('a,b,c', ',', 2)", "[\"a\", \"b\"]"), ("$split('abc', '')", "[\"a\", \"b\", \"c\"]"),
        ("$split('', ',')", "[\"\"]"),
        ("$split('a', ',')", "[\"a\"]"), ("$join(['a', 'b', 'c'])", "\"abc\""), ("$join(['a', 'b'], ', ')", "\"a, b\""),
        ("$join([])", "\"\""),
        // objects and arrays
        ("$keys({'a': 1, 'b': 2})", "[\"a\", \"b\"]"), ("$keys({'a': 1})", "\"a\""),
        ("$keys([{'a': 1}, {'b': 1, 'a': 2}])", "[\"a\", \"b\"]"),
        ("$lookup({'a': 1}, 'a')", "1"), ("$lookup([{'a': 1}, {'a': [2, 3]}], 'a')", "[1, 2, 3]"),
        ("$merge([{'a': 1, 'b': 1}, {'b': 2}])", "{\"a\": 1, \"b\": 2}"), ("$merge([])", "{}"),
        ("$append([1, 2], [3])", "[1, 2, 3]"), ("$append(1, 2)", "[1, 2]"), ("$append([1], [])", "[1]"),
        ("$distinct([1, 2, 1, '1', [1], [1], {'a': 1}, {'a': 1.0}])", "[1, 2, \"1\", [1], {\"a\": 1}]"),
        ("$distinct(5)", "5"), ("$reverse([1, 2, 3])", "[3, 2, 1]"), ("$reverse([1])", "[1]"),
        ("$sort([3, 1, 2])", "[1, 2, 3]"), ("$sort(['b', 'B', 'a'])", "[\"B\", \"a\", \"b\"]"),
        (
            "$sort([{'n': 2, 'k': 'x'}, {'n': 1}, {'n': 2, 'k': 'y'}], function($a, $b) { $a.n > $b.n }).k",
            "[\"x\", \"y\"]"
        ),
        ("$zip([1, 2, 3], [4, 5])", "[[1, 4], [2, 5]]"), ("$zip([1], [2], [3])", "[[1, 2, 3]]"),
        ("$zip(1, [2])", "[[1, 2]]"),
        // higher-order
        ("$map([1, 2, 3], function($v) { $v * 2 })", "[2, 4, 6]"), ("$map([1], function($v) { $v * 2 })", "2"),
        ("$map([1, 2], function($v, $i) { $i })", "[0, 1]"),
        ("$map([1, 2], function($v, $i, $a) { $count($a) })", "[2, 2]"),
        ("$map([1, 2, 3], function($v) { $v = 2 ? $v : $nothing })", "2"),
        ("$map(['a', 'b'], $uppercase)", "[\"A\", \"B\"]"),
        ("$filter([1, 2, 3, 4], function($v) { $v % 2 = 0 })", "[2, 4]"),
        ("$filter([1, 2], function($v, $i) { $i = 1 })", "2"),
        ("$reduce([1, 2, 3, 4], function($a, $b) { $a + $b })", "10"),
        ("$reduce([1, 2, 3], function($a, $b) { $a + $b }, 10)", "16"),
        ("$reduce([], function($a, $b) { $a + $b }, 5)", "5"),
        ("$reduce(['a', 'b'], function($acc, $v, $i) { $acc & $v & $i }, '')", "\"a0b1\""),
    ])
    func builtins(expression: String, expected: String) throws {
        let result = try JSONataHarness().value(expression)
        #expect(result == (try json(expected)), "\(expression)")
    }

    @Test(arguments: [
        "$string()", "$number($nothing)", "$sum($nothing)", "$max([])", "$min($nothing)", "$average([])",
        "$uppercase($nothing)", "$substring($nothing, 1)", "$split($nothing, ',')", "$join($nothing)", "$keys(1)",
        "$keys({})", "$merge($nothing)", "$append($nothing, $nothing)", "$reverse($nothing)", "$sort($nothing)",
        "$map($nothing, $string)", "$filter([1], function($v) { false })", "$reduce([], function($a, $b) { $a })",
        "$lookup({'a': 1}, 'b')", "$distinct($nothing)", "$round($nothing)", "$type($nothing)", "$boolean($nothing)",
        "$not($nothing)",
    ])
    func builtinsGiveUndefined(expression: String) throws {
        #expect(try JSONataHarness().value(expression) == nil, "\(expression)")
    }

    @Test func contextStandsInForMissingFirstArgument() throws {
        let harness = try JSONataHarness.context("{\"names\": [\"ann\", \"bob\"], \"s\": \"Text\"}")
        #expect(try harness.value("names.$uppercase()") == (try json("[\"ANN\", \"BOB\"]")))
        #expect(try harness.value("s.$length()") == .integer(4))
        #expect(try harness.value("s.$substring(1, 2)") == .string("ex"))
        #expect(try harness.value("names.$string()") == (try json("[\"ann\", \"bob\"]")))
        let error = harness.error("$uppercase()")
        #expect(error?.code == "T0411")
        #expect(error?.message == "Context value is not a compatible type with argument 1 of function \"uppercase\"")
    }

    @Test func clockIsReadOncePerEvaluation() throws {
        var harness = JSONataHarness()
        harness.now = Instant(millisecondsSinceEpoch: 1_732_268_400_123)
        #expect(try harness.value("$now()") == .string("2024-11-22T09:40:00.123Z"))
        #expect(try harness.value("$millis()") == .integer(1_732_268_400_123))
        #expect(try harness.value("$now() = $now() and $millis() = $millis()") == .bool(true))
    }

    @Test func bindingsReachExpressions() throws {
        var harness = JSONataHarness()
        harness.variables = ["customer": try json("{\"name\": \"María\"}"), "count": .integer(3)]
        #expect(try harness.value("$customer.name & ' x' & $count") == .string("María x3"))
        // A binding may shadow a built-in name, as JSONata's own bindings do.
        harness.variables["string"] = .string("not a function")
        #expect(try harness.value("$string") == .string("not a function"))
    }
}
