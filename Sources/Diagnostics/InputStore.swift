import Foundation
import RetraceCore
import StepFunctions

/// The inputs of one command: read once to sort their pages into executions, then, per execution, either kept
/// from that first reading or read again.
///
/// Keeping every page of a thousand files would hold all their bytes at once; reading a file again from the page
/// cache costs far less than that memory. Small sets (and standard input, which cannot be read twice) are kept.
final class InputStore: @unchecked Sendable {
    /// The paths, or `-`.
    let paths: [String]
    private let lock = NSLock()
    private var buffers: [InputBuffer?]
    private var pages: [[HistoryPage]?]

    init(paths: [String]) {
        self.paths = paths
        buffers = Array(repeating: nil, count: paths.count)
        pages = Array(repeating: nil, count: paths.count)
    }

    /// Keeps what the first reading made of input `index`.
    func keep(_ index: Int, buffer: InputBuffer?, pages kept: [HistoryPage]?) {
        lock.withLock {
            buffers[index] = buffer
            pages[index] = kept
        }
    }

    /// Forgets what was kept of input `index`, once it has been decoded for good (deployment logs).
    func release(_ index: Int) {
        lock.withLock {
            buffers[index] = nil
            pages[index] = nil
        }
    }

    /// The bytes of input `index`, kept or read again.
    func buffer(_ index: Int) throws(InputError) -> InputBuffer {
        if let kept = lock.withLock({ buffers[index] }) { return kept }
        return try InputBuffer.read(path: paths[index])
    }

    /// The pages of input `index` with the given ordinals, kept or decoded again.
    func pages(_ index: Int, wanted: Set<Int>, reader: JSONReader) throws -> [HistoryPage] {
        if let kept = lock.withLock({ pages[index] }) { return kept.filter { wanted.contains($0.origin.ordinal) } }
        return try HistoryDecoder().pages(of: try buffer(index), inputIndex: index, wanted: wanted, reader: reader)
    }
}
