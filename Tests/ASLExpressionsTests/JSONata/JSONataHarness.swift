import ASLExpressions
import RetraceCore

/// Evaluates expressions for tests with a fixed clock and seed, so results never depend on the machine.
struct JSONataHarness: Sendable {
    var variables: [String: JSONValue] = [:]
    var context: JSONValue?
    var limits = JSONataLimits()
    var now = Instant(millisecondsSinceEpoch: 1_732_268_400_123)

    /// The harness with `$states.input` bound to `input`.
    static func states(input: String) throws -> JSONataHarness {
        var harness = JSONataHarness()
        harness.variables = JSONataBindings.states(input: try json(input)).variables
        return harness
    }

    /// The harness with `text` as JSONata's context item (so bare field names read it).
    static func context(_ text: String) throws -> JSONataHarness {
        var harness = JSONataHarness()
        harness.context = try json(text)
        return harness
    }

    var options: JSONataOptions {
        JSONataOptions(limits: limits, nondeterminism: JSONataSeededSource(now: now, seed: 42))
    }

    /// The result of `expression`; `nil` for undefined.
    func value(_ expression: String) throws(JSONataError) -> JSONValue? {
        try JSONataExpression(expression, limits: limits).evaluate(
            JSONataBindings(variables: variables), context: context, options: options)
    }

    /// The error `expression` fails with, or `nil` when it does not fail.
    func error(_ expression: String) -> JSONataError? {
        do {
            _ = try value(expression)
            return nil
        } catch {
            return error
        }
    }
}

/// The invoice document of the JSONata documentation's examples.
let invoice = """
    {
      "Account": {
        "Account Name": "Firefly",
        "Order": [
          {
            "OrderID": "order103",
            "Product": [
              {"Product Name": "Bowler Hat", "ProductID": 858383, "SKU": "0406654608", "Price": 34.45, "Quantity": 2},
              {"Product Name": "Trilby hat", "ProductID": 858236, "SKU": "0406634348", "Price": 21.67, "Quantity": 1}
            ]
          },
          {
            "OrderID": "order104",
            "Product": [
              {"Product Name": "Bowler Hat", "ProductID": 858383, "SKU": "040657863", "Price": 34.45, "Quantity": 4},
              {"Product Name": "Cloak", "ProductID": 345664, "SKU": "0406654603", "Price": 107.99, "Quantity": 1}
            ]
          }
        ]
      }
    }
    """
