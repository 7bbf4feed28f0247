import Foundation

/// Results written by concurrent workers, one slot each, read back in position order: what every command that
/// analyses several inputs on every core (`LogSet`, `retrace diff`) collects its answers in.
public final class ConcurrentResults<T>: @unchecked Sendable {
    private var slots: [Result<T, any Error>?]
    private let lock = NSLock()

    /// Creates `count` empty slots.
    public init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// Fills slot `index`.
    public func store(_ index: Int, _ result: Result<T, any Error>) {
        lock.withLock { slots[index] = result }
    }

    /// The value in slot `index`, or the error stored there; `CancellationError` for a slot never filled.
    public func value(_ index: Int) throws -> T {
        guard let result = lock.withLock({ slots[index] }) else { throw CancellationError() }
        return try result.get()
    }
}
