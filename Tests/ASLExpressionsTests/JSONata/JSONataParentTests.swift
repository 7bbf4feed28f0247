import ASLExpressions
import RetraceCore
import Testing

/// A stock document: a warehouse holds aisles, each holding bins.
private let stock = """
    {
      "warehouse": {
        "name": "North",
        "aisles": [
          {"aisle": "A1", "bins": [{"sku": "s1", "qty": 3}, {"sku": "s2", "qty": 0}]},
          {"aisle": "A2", "bins": [{"sku": "s3", "qty": 7}]}
        ]
      }
    }
    """

/// The parent operator `%`, the `#` binding after predicates, non-finite numbers and lone surrogates: the parts
/// of JSONata 2.0.6 completed last (the official suite covers them too; these cases are our own).
@Suite("JSONata parent operator and the last edges")
struct JSONataParentTests {
    @Test(arguments: [
        // One level up from each bin is its aisle; two levels up the warehouse.
        (
            "warehouse.aisles.bins.{ 'sku': sku, 'aisle': %.aisle }",
            #"[{"sku":"s1","aisle":"A1"},{"sku":"s2","aisle":"A1"},{"sku":"s3","aisle":"A2"}]"#
        ),
        (
            "warehouse.aisles.bins.(%.%.name & '/' & %.aisle & '/' & sku)",
            #"["North/A1/s1","North/A1/s2","North/A2/s3"]"#
        ),
        // In a predicate of the step, `%` is the parent of the items being filtered.
        ("warehouse.aisles.bins[%.aisle = 'A2'].sku", #""s3""#),
        ("warehouse.aisles.bins.qty[%.sku = 's1']", "3"),
        // A wildcard step is a level like a name.
        ("warehouse.aisles.*[sku = 's3'].%.aisle", #""A2""#),
        // Parentheses are looked through to the step inside.
        ("(warehouse.(aisles.bins).{ 'sku': sku, 'aisle': %.aisle })[1]", #"{"sku":"s2","aisle":"A1"}"#),
        ("warehouse.(aisles).(bins).(%.%.name)", #"["North","North","North"]"#),
        // Order-by terms see the parent too.
        ("warehouse.aisles.bins.sku^(>%.qty)", #"["s3","s1","s2"]"#),
        // A variable can hold the parent.
        ("warehouse.aisles.bins.( $a := %; $a.aisle & sku )", #"["A1s1","A1s2","A2s3"]"#),
        // Focus bindings keep the context, and `%` names the first step of a run of them.
        (
            "(warehouse.aisles@$a.aisles@$b[$a.aisle != $b.aisle].{ 'pair': $a.aisle & $b.aisle, 'parent': $keys(%) })[0]",
            #"{"pair":"A1A2","parent":["name","aisles"]}"#
        ),
        // A positional predicate on a step still applies per input item when `%` reads the path later.
        (
            "warehouse.aisles.bins[0].{ 'sku': sku, 'aisle': %.aisle }",
            #"[{"sku":"s1","aisle":"A1"},{"sku":"s3","aisle":"A2"}]"#
        ),
    ])
    func parents(expression: String, expected: String) throws {
        let harness = try JSONataHarness.context(stock)
        #expect(try harness.value(expression) == (try json(expected)), "\(expression)")
    }

    @Test func aParentOfNothingIsUndefined() throws {
        let harness = try JSONataHarness.context(stock)
        #expect(try harness.value("warehouse.aisles.().%") == nil)
        #expect(try harness.value("warehouse.aisles.missing.%") == nil)
    }

    @Test(arguments: [
        // Nothing in the expression provides the parent.
        ("%", "S0217"),
        ("(%.aisle)", "S0217"),
        ("$.%", "S0217"),
        ("[1, 2].%", "S0217"),
        ("$count(%)", "S0217"),
        // Three levels above a two-step path.
        ("warehouse.aisles.%.%.%", "S0217"),
        ("%%", "S0207"),
        // A call of `%` looks nothing up at parse time; at run time it is not a function.
        ("%()", "T1006"),
        // The parents are objects, which `%` (modulo) cannot divide.
        ("warehouse.aisles.(% % %)", "T2001"),
    ])
    func misuse(expression: String, code: String) throws {
        let harness = try JSONataHarness.context(stock)
        #expect(harness.error(expression)?.code == code, "\(expression)")
    }

    @Test func aSyntaxErrorAfterAnUnresolvedParentIsReportedFirst() throws {
        // JSONata resolves `%` after the whole expression has parsed.
        #expect(JSONataHarness().error("$.% + ")?.code == "S0207")
    }

    @Test func anIndexAfterAPredicateNumbersTheItemsThatPassedIt() throws {
        let harness = try JSONataHarness.context(stock)
        let result = try harness.value("warehouse.aisles.bins#$i[qty > 0]#$j.{ 'sku': sku, 'i': $i, 'j': $j }")
        #expect(result == (try json(#"[{"sku":"s1","i":0,"j":0},{"sku":"s3","i":0,"j":1}]"#)))
    }

    // MARK: - Infinity and NaN

    @Test func aNonFiniteNumberIsAValueUntilUsedAsANumber() throws {
        let harness = JSONataHarness()
        #expect(harness.error("$string(1/0)")?.code == "D3001")
        #expect(harness.error("$string(0/0)")?.code == "D3001")
        #expect(harness.error("$string([1/0])")?.code == "D1001")
        #expect(harness.error("(1/0) + 1")?.code == "D1001")
        #expect(harness.error("1/0 > 2")?.code == "D1001")
        #expect(harness.error("-(1/0)")?.code == "D1001")
        #expect(harness.error("$abs(1/0)")?.code == "D1001")
        #expect(harness.error("[1..1/0]")?.code == "T2004")
        // The result cannot hold it.
        #expect(harness.error("1/0")?.code == "D1001")
        #expect(harness.error("{'x': 1/0}")?.code == "D1001")
        // Functions that do not read it as a number take it as it is.
        #expect(try harness.value("$type(1/0)") == .string("number"))
        #expect(try harness.value("$exists(1/0)") == .bool(true))
    }

    // MARK: - Lone UTF-16 surrogates

    @Test func aLoneSurrogateIsRefusedByTheURLEncodersAndRendersAsTheReplacementCharacter() throws {
        let harness = JSONataHarness()
        #expect(harness.error(#"$encodeUrl('\uD800')"#)?.code == "D3140")
        #expect(harness.error(#"$encodeUrlComponent('a\uDC00b')"#)?.code == "D3140")
        #expect(harness.error(#"$encodeUrlComponent('\uD800' & 'x')"#)?.code == "D3140")
        #expect(try harness.value(#"'\uD800'"#) == .string("\u{FFFD}"))
        #expect(try harness.value(#"{'\uDFFF': 1}"#) == (try json(#"{"\uFFFD": 1}"#)))
        #expect(try harness.value(#"$length('\uD800')"#) == .integer(1))
        // A pair is one character, encoded as UTF-8.
        #expect(try harness.value(#"$encodeUrlComponent('\uD83D\uDE00')"#) == .string("%F0%9F%98%80"))
    }

    @Test func theNoncharacterStandingForALoneSurrogateIsOrdinaryInData() throws {
        // Only an expression whose own text holds a lone surrogate looks for U+FDD0; in data it is a character.
        let noncharacter = String(try #require(Unicode.Scalar(0xFDD0)))
        var harness = JSONataHarness()
        harness.variables = ["text": .string(noncharacter)]
        #expect(try harness.value("$encodeUrlComponent($text)") == .string("%EF%B7%90"))
        #expect(try harness.value("$text") == .string(noncharacter))
    }
}
