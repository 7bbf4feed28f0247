import Foundation

/// Hands results made on several threads to one consumer in their positions' order, holding back at most
/// `window` results: a worker that runs ahead waits, so memory stays that of a few logs however many there are.
///
/// Positions must be handed out in increasing order (as `LogSet.analyzeEach` does), so the worker holding the next
/// position never waits and the waiting always ends.
final class OrderedDelivery<Item: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var next = 0
    private var waiting: [Int: Item] = [:]
    private var failure: (any Error)?
    private let window: Int
    private let consume: (Item) throws -> Void

    init(window: Int, consume: @escaping (Item) throws -> Void) {
        self.window = max(1, window)
        self.consume = consume
    }

    /// Gives the item at `position`; consumes it and any that were waiting for it when its turn has come.
    ///
    /// - Throws: the consumer's first error, to this and every later delivery.
    func deliver(_ item: Item, at position: Int) throws {
        condition.lock()
        defer { condition.unlock() }
        while position >= next + window, failure == nil { condition.wait() }
        if let failure { throw failure }
        waiting[position] = item
        while let ready = waiting.removeValue(forKey: next) {
            do {
                try consume(ready)
            } catch {
                failure = error
                condition.broadcast()
                throw error
            }
            next += 1
        }
        condition.broadcast()
    }
}
