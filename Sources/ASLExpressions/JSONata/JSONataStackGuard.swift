import Foundation

/// Keeps recursion inside a known amount of stack.
///
/// Parsing and evaluation first run on the caller's thread with a small budget (enough for every ordinary
/// expression, and safe on a 512 KiB secondary thread); an expression that needs more is parsed or evaluated
/// again from the start on a dedicated thread with a large stack. The budget is measured, not estimated,
/// because stack frames differ greatly between debug and release builds.
struct JSONataStackGuard {
    /// Budget on the caller's thread.
    static let inlineBudget = 256 * 1024
    /// Size of the dedicated thread's stack, and the budget used on it (the rest is a safety margin).
    static let largeStackSize = 64 * 1024 * 1024
    static let largeBudget = 60 * 1024 * 1024

    /// The code of the error that means "out of stack budget" (retried on a large stack, else reported as
    /// JSONata's stack overflow `U1001`).
    static let exhaustedCode = "R0007"

    private let base: UInt
    private let budget: UInt

    init(budget: Int) {
        self.base = JSONataStackGuard.currentAddress()
        self.budget = UInt(budget)
    }

    /// Throws `R0007` when more than the budget has been used since the guard was made.
    func check(at position: JSONataPosition?) throws(JSONataError) {
        let here = JSONataStackGuard.currentAddress()
        let used = base > here ? base - here : here - base
        guard used <= budget else {
            throw .limitExceeded(
                code: JSONataStackGuard.exhaustedCode, message: "The expression needs more stack than allowed",
                position: position)
        }
    }

    /// An address inside the current stack frame.
    @inline(never)
    static func currentAddress() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    /// Runs `body` on a new thread with a large stack and waits for its result.
    static func onLargeStack<Result: Sendable>(_ body: @escaping @Sendable () -> Result) -> Result? {
        let box = JSONataThreadResult<Result>()
        let thread = Thread {
            box.value = body()
            box.done.signal()
        }
        thread.stackSize = largeStackSize
        thread.start()
        box.done.wait()
        return box.value
    }
}

/// A result handed from the large-stack thread to the waiting caller; the semaphore orders the write before
/// the read, which is what makes the unchecked `Sendable` sound.
private final class JSONataThreadResult<Value: Sendable>: @unchecked Sendable {
    var value: Value?
    let done = DispatchSemaphore(value: 0)
}
