import ASLExpressions
import Foundation
import RetraceCore
import Testing

@Suite("JSONata safety limits")
struct JSONataSafetyTests {
    /// Runs `body` on a thread with a small stack, as a worker thread of a host application may have, so
    /// that a depth limit set too high would crash here rather than in production.
    private func onSmallStack(_ body: @escaping @Sendable () -> JSONataError?) -> JSONataError? {
        let box = ResultBox()
        let thread = Thread {
            box.error = body()
            box.done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        box.done.wait()
        return box.error
    }

    @Test(arguments: [
        ("($f := function($n) { $f($n + 1) }; $f(0))", "U1001"),
        ("($f := function($n) { 1 + $f($n) }; $f(0))", "U1001"),
        (
            // Tail calls run in constant stack, as in JSONata: deep mutual recursion completes on a small stack.
            "($even := function($n) { $n = 0 ? true : $odd($n - 1) }; $odd := function($n) { $n = 0 ? false : $even($n - 1) }; $even(100000))",
            ""
        ),
        ("$map([1], function($v) { $map([$v], function($w) { $w }) })", ""),
        ("($f := function($g) { $g($g) }; $f($f))", "U1001"),
        ("($loop := function($x) { $map([$x], $loop) }; $loop(1))", "U1001"),
    ])
    func runawayRecursionStopsCleanly(expression: String, code: String) {
        let error = onSmallStack { JSONataHarness().error(expression) }
        if code.isEmpty {
            #expect(error == nil, "\(expression)")
        } else {
            #expect(error?.code == code, "\(expression)")
            // Runaway tail calls never grow the stack; the step budget stops them (JSONata's time box).
            let message = error?.message ?? ""
            #expect(message.hasPrefix("Stack overflow error") || message.hasPrefix("Expression evaluation timeout"))
            #expect(error?.position != nil)
        }
    }

    /// An expression too long to print whole in test output.
    struct Long: Sendable, CustomTestStringConvertible {
        var text: String
        var testDescription: String { String(text.prefix(24)) + "… (\(text.count) characters)" }
        init(_ text: String) { self.text = text }
    }

    @Test(
        arguments: [
            String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000),
            String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000),
            String(repeating: "-", count: 100_000) + "1",
            "1" + String(repeating: " + 1", count: 100_000),
            String(repeating: "a.", count: 50_000) + "b",
            "a" + String(repeating: "[0]", count: 50_000),
            "$x" + String(repeating: "[0]", count: 50_000),
            String(repeating: "{'a':", count: 50_000) + "1" + String(repeating: "}", count: 50_000),
            String(repeating: "$f(", count: 50_000) + String(repeating: ")", count: 50_000),
            String(repeating: "true ? ", count: 50_000) + "1" + String(repeating: " : 2", count: 50_000),
        ].map(Long.init))
    func deeplyNestedExpressionsAreRejected(long: Long) {
        let expression = long.text
        let error = onSmallStack { () -> JSONataError? in
            do throws(JSONataError) {
                _ = try JSONataExpression(expression)
                return nil
            } catch {
                return error
            }
        }
        // Deep nesting, and chains long enough to make the tree deep, are refused before they can exhaust
        // the stack (parsing, evaluating or releasing the tree).
        if let error {
            #expect(error.code == "R0003")
            #expect(error.position != nil)
        } else {
            Issue.record("nested expression accepted: \(expression.prefix(40))…")
        }
    }

    @Test func longFlatExpressionsStillEvaluate() throws {
        let sum = "1" + String(repeating: " + 1", count: 150)
        #expect(try JSONataHarness().value(sum) == .integer(151))
    }

    @Test(arguments: [
        ("[1..100000000]", "D2014"),
        ("[0..9007199254740991]", "D2014"),
        ("$count([1..100000]) + $count([1..100000])", ""),
        ("$reduce([1..1000000], function($a, $b) { $a + $b })", "U1001"),
        ("$sum($map([1..200000], function($v) { [1..200000] }))", "U1001"),
        ("($s := 'ab'; $f := function($x, $n) { $n = 0 ? $x : $f($x & $x, $n - 1) }; $f($s, 60))", "R0002"),
        ("$reduce([1..60], function($acc, $v) { $append($acc, $acc) }, [1])", "U1001"),
        ("$reduce([1..100000], function($acc, $v) { [[$acc]] }, 0)", "R0004"),
        ("$reduce([1..100000], function($acc, $v) { [$acc] }, [0])", ""),
        ("$reduce([1..100000], function($acc, $v) { {'a': $acc} }, 0)", "R0004"),
        ("$reduce([1..100000], function($f, $v) { function() { $f } }, 0)", "R0006"),
        ("$string($reduce([1..200], function($acc, $v) { [[$acc]] }, 0))", ""),
        ("$join($map([1..100000], function($v) { 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' }))", "R0002"),
        // Parents carried through a long path are counted as work like any other.
        ("$count([1..100000].{'a': {'b': {'c': $}}}.a.b.c.(%.%.%))", ""),
        ("$count([1..1000000].{'a': {'b': {'c': $}}}.a.b.c.(%.%.%))", "U1001"),
        // 200 `%` each walking back over up to 400 steps: parsing stays quick.
        (
            "$count([1..2000].{'a': $}" + String(repeating: ".a", count: 200) + String(repeating: ".%", count: 200)
                + ")", ""
        ),
    ])
    func hostileWorkIsBounded(expression: String, code: String) {
        var limited = JSONataHarness()
        limited.limits.maximumSteps = 3_000_000
        limited.limits.maximumStringLength = 1_000_000
        limited.limits.maximumClosures = 10_000
        let harness = limited
        let error = onSmallStack { harness.error(expression) }
        if code.isEmpty {
            #expect(error == nil, "\(expression): \(String(describing: error))")
        } else {
            #expect(error?.code == code, "\(expression): \(String(describing: error))")
        }
    }

    @Test func stepBudgetIsConfigurable() throws {
        var harness = JSONataHarness()
        harness.limits.maximumSteps = 50
        let error = harness.error("$map([1..20], function($v) { $v * 2 })")
        #expect(error?.code == "U1001")
        #expect(error?.message == "Expression evaluation timeout: Check for infinite loop (stopped after 50 steps)")
        harness.limits.maximumSteps = 10_000
        #expect(try harness.value("$map([1..20], function($v) { $v * 2 })")?.arrayValue?.count == 20)
    }

    @Test func rangeLimitIsConfigurable() throws {
        var harness = JSONataHarness()
        harness.limits.maximumRangeSize = 10
        #expect(try harness.value("$count([1..10])") == .integer(10))
        let error = harness.error("[1..11]")
        #expect(error?.code == "D2014")
        #expect(
            error?.message
                == "The size of the sequence allocated by the range operator (..) must not exceed 10. Attempted to allocate 11."
        )
        #expect(error?.position?.description == "1:3")
    }

    @Test func functionsHaveNoJSONValue() {
        let error = JSONataHarness().error("function($x) { $x }")
        #expect(error?.code == "R0005")
    }

    @Test func deepButLegitimateWorkMovesToALargeStack() {
        // Deeper than the caller's small stack allows in a debug build, within the depth limit: evaluated again
        // on the dedicated thread, with the right answers, even from a 512 KiB thread.
        let error = onSmallStack { () -> JSONataError? in
            do throws(JSONataError) {
                let count = try JSONataHarness().value(
                    "($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(500))")
                guard count == .integer(500) else {
                    return .evaluation(code: "test", message: "\(String(describing: count))", position: nil)
                }
                let nested = String(repeating: "(", count: 300) + "7" + String(repeating: ")", count: 300)
                guard try JSONataHarness().value(nested) == .integer(7) else {
                    return .evaluation(code: "test", message: "nested parentheses", position: nil)
                }
                return nil
            } catch {
                return error
            }
        }
        #expect(error == nil, "\(String(describing: error))")
    }

    @Test func recursionWithinTheDepthLimitWorks() throws {
        let result = try JSONataHarness().value("($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(30))")
        #expect(result == .integer(30))
    }
}

/// The result of work done on another thread; the semaphore orders the write before the read.
private final class ResultBox: @unchecked Sendable {
    var error: JSONataError?
    let done = DispatchSemaphore(value: 0)
}
