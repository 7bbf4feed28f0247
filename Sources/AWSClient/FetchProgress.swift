import Foundation

/// What a fetch has done so far, for a progress line: pages and events read, and the related logs fetched with the
/// one asked for (a distributed Map's child executions, a stack's nested stacks).
public struct FetchProgress: Sendable {
    /// Pages read.
    public var pages = 0
    /// Events read.
    public var events = 0
    /// Related logs fetched: child executions or nested stacks.
    public var children = 0
}

/// Counts what was fetched across concurrent tasks and reports it.
final class ProgressTally: @unchecked Sendable {
    private let lock = NSLock()
    private var progress = FetchProgress()
    private let report: (@Sendable (FetchProgress) -> Void)?

    init(report: (@Sendable (FetchProgress) -> Void)?) { self.report = report }

    func add(pages: Int = 0, events: Int = 0, children: Int = 0) {
        lock.lock()
        progress.pages += pages
        progress.events += events
        progress.children += children
        let snapshot = progress
        lock.unlock()
        report?(snapshot)
    }
}
