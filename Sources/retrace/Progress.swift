import Foundation

/// A progress line on standard error while many logs are analysed: only on a terminal, and only once the work
/// has taken more than a second, so that quick runs and pipes see nothing.
final class Progress: @unchecked Sendable {
    private let started = Date()
    private let enabled = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private var lastShown = Date.distantPast
    private var shown = false

    /// Records that `done` of the logs are analysed.
    func update(_ done: Int, _ total: Int) {
        guard enabled else { return }
        lock.withLock {
            let now = Date()
            guard now.timeIntervalSince(started) > 1, now.timeIntervalSince(lastShown) > 0.1 else { return }
            lastShown = now
            shown = true
            FileHandle.standardError.write(Data("\r\u{1B}[Kretrace: analysed \(done) of \(total)".utf8))
        }
    }

    /// Shows `text` as the line (fetching: pages, events, children), at most ten times a second.
    func say(_ text: String) {
        guard enabled else { return }
        lock.withLock {
            let now = Date()
            guard now.timeIntervalSince(lastShown) > 0.1 else { return }
            lastShown = now
            shown = true
            FileHandle.standardError.write(Data("\r\u{1B}[Kretrace: \(text)".utf8))
        }
    }

    /// Clears the line.
    func finish() {
        lock.withLock {
            if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        }
    }
}
