import ASLExpressions
import RetraceCore
import Testing

@Suite("JSONata paths, predicates and sequences")
struct JSONataPathTests {
    @Test(arguments: [
        ("Account.`Account Name`", "\"Firefly\""),
        ("Account.Order[0].OrderID", "\"order103\""),
        ("Account.Order[-1].OrderID", "\"order104\""),
        ("Account.Order.OrderID", "[\"order103\", \"order104\"]"),
        ("Account.Order.Product.`Product Name`", "[\"Bowler Hat\", \"Trilby hat\", \"Bowler Hat\", \"Cloak\"]"),
        // A predicate on a step applies per input item: the first product of each order.
        ("Account.Order.Product[0].`Product Name`", "[\"Bowler Hat\", \"Bowler Hat\"]"),
        // In parentheses it applies to the whole sequence.
        ("(Account.Order.Product)[0].`Product Name`", "\"Bowler Hat\""),
        ("(Account.Order.OrderID)[1]", "\"order104\""),
        ("Account.Order.Product[Price > 30].`Product Name`", "[\"Bowler Hat\", \"Bowler Hat\", \"Cloak\"]"),
        ("Account.Order.Product[Quantity = 1][0].SKU", "[\"0406634348\", \"0406654603\"]"),
        ("Account.Order[OrderID = 'order104'].Product.SKU", "[\"040657863\", \"0406654603\"]"),
        ("Account.Order.Product[[0, 1]].ProductID", "[858383, 858236, 858383, 345664]"),
        ("$count(Account.Order.Product)", "4"),
        ("$string($sum(Account.Order.Product.(Price * Quantity)))", "\"336.36\""),
        ("Account.Order[0].Product.ProductID[]", "[858383, 858236]"),
        ("Account.Order[0].OrderID[]", "[\"order103\"]"),
        ("$count(Account.*)", "3"),
        ("**.`Product Name`", "[\"Bowler Hat\", \"Trilby hat\", \"Bowler Hat\", \"Cloak\"]"),
        ("Account.Order.Product.`Product Name`[1]", "null"),
        ("Account.\"Account Name\"", "\"Firefly\""),
    ])
    func invoicePaths(expression: String, expected: String) throws {
        let harness = try JSONataHarness.context(invoice)
        let result = try harness.value(expression)
        if expected == "null" {
            #expect(result == nil, "\(expression) should be undefined")
        } else {
            #expect(result == (try json(expected)), "\(expression)")
        }
    }

    @Test func oneStepPerOrderNamesNothingPastTheEnd() throws {
        // Each order has exactly one OrderID, so asking each for its second gives nothing.
        let harness = try JSONataHarness.context(invoice)
        #expect(try harness.value("Account.Order.OrderID[1]") == nil)
    }

    @Test(arguments: [
        // A stored array stays an array even with one element.
        ("{\"items\": [5]}", "$states.input.items", "[5]"),
        // Values gathered from several objects form a sequence; one value unwraps to itself.
        ("{\"list\": [{\"v\": 1}]}", "$states.input.list.v", "1"),
        ("{\"list\": [{\"v\": 1}, {\"v\": 2}]}", "$states.input.list.v", "[1, 2]"),
        // A lone stored array at the end of a path is kept; several are flattened together.
        ("{\"list\": [{\"v\": [1]}]}", "$states.input.list.v", "[1]"),
        ("{\"list\": [{\"v\": [1]}, {\"v\": [2, 3]}]}", "$states.input.list.v", "[1, 2, 3]"),
        // `[]` keeps a singleton sequence an array.
        ("{\"list\": [{\"v\": 1}]}", "$states.input.list.v[]", "[1]"),
        ("{\"a\": {\"b\": {\"c\": 7}}}", "$states.input.a.b.c", "7"),
        ("{\"a\": [[1, 2], [3]]}", "$states.input.a[0]", "[1, 2]"),
        ("{\"a\": [[1, 2], [3]]}", "$states.input.a[1]", "[3]"),
        ("{\"a\": [1, 2, 3]}", "$states.input.a[-1]", "3"),
        ("{\"a\": [1, 2, 3]}", "$states.input.a[1.7]", "2"),
        ("{\"a\": [1, 2, 3]}", "$states.input.a[$ > 1]", "[2, 3]"),
        ("{\"a\": [{\"n\": \"x\"}, {\"n\": \"y\"}]}", "$states.input.a[n = 'y'].n", "\"y\""),
        ("{\"a\": [1, 2, 3]}", "$states.input.a[[0, 2]]", "[1, 3]"),
        ("{\"a\": {\"b\": 1, \"c\": [2, 3]}}", "$states.input.a.*", "[1, 2, 3]"),
        ("{\"a\": [1, 2]}", "$states.input.a.($ * 10)", "[10, 20]"),
        ("{\"a\": [{\"b\": 1}, {\"c\": 2}]}", "$states.input.a.b", "1"),
        ("{\"a\": 1}", "$states.input", "{\"a\": 1}"),
        ("{\"a\": 1}", "$states.input.`a`", "1"),
        ("{\"a\": [1, 2]}", "[$states.input.a]", "[1, 2]"),
        ("{\"a\": [1, 2]}", "[[$states.input.a]]", "[[1, 2]]"),
        ("{\"a\": [1, 2]}", "$states.input.a.[$, $ * 2]", "[[1, 2], [2, 4]]"),
        ("{\"a\": [3, 4]}", "[1, 2].($ + 1)", "[2, 3]"),
    ])
    func sequenceSemantics(input: String, expression: String, expected: String) throws {
        let harness = try JSONataHarness.states(input: input)
        #expect(try harness.value(expression) == (try json(expected)), "\(expression)")
    }

    @Test(arguments: [
        "$states.input.missing",
        "$states.input.a.missing",
        "$states.input.a[5]",
        "$states.input.a[$ > 100]",
        "$states.input.missing.deeper[0]",
        "$states.input.a.b",
        "$nothing",
        "$states.result",
        "$states.input.missing + 1",
        "-$states.input.missing",
        "$states.input.missing < 1",
        "$string($states.input.missing)",
        "$uppercase($states.input.missing)",
        "$states.input.missing ? 1 : $states.input.missing",
        "()",
        "[]",
    ])
    func undefinedPropagates(expression: String) throws {
        let harness = try JSONataHarness.states(input: "{\"a\": [1, 2]}")
        let result = try harness.value(expression)
        if expression == "[]" {
            #expect(result == .array([]), "an empty array constructor is an empty array, not undefined")
        } else {
            #expect(result == nil, "\(expression) should be undefined")
        }
    }

    @Test(arguments: [
        ("$states.input.missing = 1", "false"),
        ("$states.input.missing != 1", "false"),
        ("$states.input.missing and true", "false"),
        ("$states.input.missing or true", "true"),
        ("'a' & $states.input.missing & 'b'", "\"ab\""),
        ("[1, $states.input.missing, 2]", "[1, 2]"),
        ("{'a': $states.input.missing, 'b': 1}", "{\"b\": 1}"),
        ("$count($states.input.missing)", "0"),
        ("$exists($states.input.missing)", "false"),
        ("$states.input.missing in [1]", "false"),
    ])
    func undefinedInsideOperators(expression: String, expected: String) throws {
        let harness = try JSONataHarness.states(input: "{}")
        #expect(try harness.value(expression) == (try json(expected)), "\(expression)")
    }

    @Test func contextAndRootVariables() throws {
        let harness = try JSONataHarness.context("{\"a\": {\"b\": 2}, \"c\": 3}")
        #expect(try harness.value("a.($.b + $$.c)") == .integer(5))
        #expect(try harness.value("$") == (try json("{\"a\": {\"b\": 2}, \"c\": 3}")))
        // Without a context item (as in Step Functions), field names and `$` read nothing.
        #expect(try JSONataHarness().value("a") == nil)
        #expect(try JSONataHarness().value("$") == nil)
    }

    @Test func topLevelArrayInputIsOneItem() throws {
        let harness = try JSONataHarness.context("[{\"a\": 1}, {\"a\": 2}]")
        #expect(try harness.value("a") == (try json("[1, 2]")))
        #expect(try harness.value("$") == (try json("[{\"a\": 1}, {\"a\": 2}]")))
        #expect(try harness.value("$[1].a") == .integer(2))
    }

    @Test func objectConstructorGroupsItems() throws {
        let harness = try JSONataHarness.context(invoice)
        let grouped = try harness.value("Account.Order.Product{`Product Name`: $sum(Quantity)}")
        #expect(grouped == (try json("{\"Bowler Hat\": 6, \"Trilby hat\": 1, \"Cloak\": 1}")))
        let perOrder = try harness.value("Account.Order.{'id': OrderID, 'n': $count(Product)}")
        #expect(perOrder == (try json("[{\"id\": \"order103\", \"n\": 2}, {\"id\": \"order104\", \"n\": 2}]")))
    }
}
