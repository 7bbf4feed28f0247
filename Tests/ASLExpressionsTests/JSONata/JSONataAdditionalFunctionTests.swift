import ASLExpressions
import RetraceCore
import Testing

@Suite("JSONata time, padding, maths, assertion and Base64 functions")
struct JSONataAdditionalFunctionTests {
    @Test(arguments: [
        ("$fromMillis(1510067557121)", "\"2017-11-07T15:12:37.121Z\""),
        ("$fromMillis(0)", "\"1970-01-01T00:00:00.000Z\""),
        ("$fromMillis(-1)", "\"1969-12-31T23:59:59.999Z\""),
        ("$toMillis('2017-11-07T15:07:54.972Z')", "1510067274972"),
        ("$toMillis('2017-11-07T15:07:54Z')", "1510067274000"),
        ("$toMillis('2017-11-07T17:07:54+02:00')", "1510067274000"),
        ("$toMillis($fromMillis(1732268400123))", "1732268400123"),
        ("$fromMillis($toMillis('2024-02-29T23:59:59.999-01:00') + 1)", "\"2024-03-01T01:00:00.000Z\""),
        ("$pad('foo', 5)", "\"foo  \""), ("$pad('foo', -5)", "\"  foo\""), ("$pad('foo', -5, '#')", "\"##foo\""),
        ("$pad('5', -3, '0')", "\"005\""), ("$pad('foo', 8, '-+')", "\"foo-+-+-\""),
        ("$pad('foobar', 3)", "\"foobar\""),
        ("$sqrt(16)", "4"), ("$sqrt(2) > 1.414", "true"), ("$power(2, 10)", "1024"), ("$power(4, 0.5)", "2"),
        ("$power(2, -1)", "0.5"), ("$base64encode('myuser:mypass')", "\"bXl1c2VyOm15cGFzcw==\""),
        ("$base64decode('bXl1c2VyOm15cGFzcw==')", "\"myuser:mypass\""),
        ("$base64decode($base64encode('é😀'))", "\"é😀\""),
    ])
    func values(expression: String, expected: String) throws {
        #expect(try JSONataHarness().value(expression) == (try json(expected)), "\(expression)")
    }

    @Test(arguments: [
        ("$sqrt(-1)", "D3060", "The sqrt function cannot be applied to a negative number: -1"),
        (
            "$power(10, 400)", "D3061",
            "The power function has resulted in a value that cannot be represented as a JSON number: base=10, exponent=400"
        ),
        ("$error('stop here')", "D3137", "stop here"),
        ("$error()", "D3137", "$error() function evaluated"),
        ("$assert(1 = 2, 'one is not two')", "D3141", "one is not two"),
        ("$assert(false)", "D3141", "$assert() statement failed"),
        ("$assert('yes')", "T0410", "Argument 1 of function \"assert\" does not match function signature"),
        ("$base64decode('***')", "R0107", "The argument of $base64decode is not Base64-encoded UTF-8 text"),
        ("$fromMillis(1e20)", "R0106", "$fromMillis cannot show 100000000000000000000 as a four-digit-year timestamp"),
    ])
    func errors(expression: String, code: String, message: String) {
        let error = JSONataHarness().error(expression)
        #expect(error?.code == code, "\(expression)")
        #expect(error?.message == message, "\(expression)")
    }

    @Test func assertPassesQuietly() throws {
        #expect(try JSONataHarness().value("($assert(1 = 1); 'after')") == .string("after"))
    }

    /// The ISO forms JSONata reads without a picture (UTC when no zone is written), and pictures both ways.
    @Test(arguments: [
        ("$toMillis('2017-11-07')", "1510012800000"),
        ("$toMillis('2017-11-07T15:07:54')", "1510067274000"),
        ("$toMillis('2017-11-07T16:07:54+0100')", "1510067274000"),
        ("$toMillis('2017')", "1483228800000"),
        ("$toMillis('10/12/2018', '[M]/[D]/[Y]')", "1539302400000"),
        ("$toMillis('99999999999999999999999', '[Y]')", "undefined"),
        ("$fromMillis(0, '[Y]')", #""1970""#),
        (
            "$fromMillis(1510067274000, '[FNn], [D1o] [MNn] [Y] at [h]:[m01] [P]', '-0500')",
            #""Tuesday, 7th November 2017 at 10:07 am""#
        ),
    ])
    func timestampForms(expression: String, expected: String) throws {
        let value = try JSONataHarness().value(expression)
        #expect(value == (expected == "undefined" ? nil : try json(expected)))
    }

    @Test(arguments: [
        ("$toMillis('2017-11-07 15:07:54Z')", "D3110"),
        ("$toMillis('07/11/2017')", "D3110"),
        ("$toMillis('2018-22', '[Y]-[D]')", "D3136"),
        ("$fromMillis(0, '[Y')", "D3135"),
        ("$fromMillis(0, '[YN]')", "D3133"),
        // Numbers no date can hold fail cleanly instead of overflowing.
        ("$fromMillis(1e300, '[Y]')", "R0106"),
    ])
    func timestampFormsThatAreNotValidFail(expression: String, code: String) {
        #expect(JSONataHarness().error(expression)?.code == code)
    }

    @Test func paddingIsBounded() {
        var harness = JSONataHarness()
        harness.limits.maximumStringLength = 100
        #expect(harness.error("$pad('a', 1e12)")?.code == "R0002")
        #expect(harness.error("$pad('a', 101)")?.code == "R0002")
    }
}
