import CGraphviz
import Foundation

/// The one door to the Graphviz C library: every call into it goes through `withExclusiveAccess`.
///
/// Graphviz keeps global state (the parser, error reporting, default attributes, plugin tables) and is not
/// thread-safe: concurrent renders crash. So the whole process takes turns, and while one caller holds the
/// turn, Graphviz's error reporting is routed into `messages` instead of standard error.
enum GraphvizSession {
    /// Serialises all Graphviz calls in the process. `NSLock` rather than `Synchronization.Mutex` because the
    /// package still supports macOS 14, where `Mutex` is unavailable.
    private static let lock = NSLock()

    /// What Graphviz reported during the current turn, as it arrived (it sends messages in pieces).
    ///
    /// Only touched while `lock` is held: by `withExclusiveAccess` and by the C callback, which Graphviz
    /// invokes synchronously from within a call made under the lock.
    nonisolated(unsafe) private static var collected = ""

    /// Runs `body` while holding the process-wide Graphviz lock, collecting Graphviz's messages.
    ///
    /// The previous error hook and error level are restored afterwards, so other code in the process that
    /// uses Graphviz keeps its own settings.
    static func withExclusiveAccess<Result, Failure: Error>(
        _ body: () throws(Failure) -> Result
    ) throws(Failure) -> Result {
        lock.lock()
        defer { lock.unlock() }
        collected = ""
        _ = agreseterrors()
        let previousLevel = agseterr(AGWARN)
        let previousHook = agseterrf { message in
            if let message {
                GraphvizSession.collected += String(cString: message)
            }
            return 0
        }
        defer {
            _ = agseterrf(previousHook)
            _ = agseterr(previousLevel)
            collected = ""
        }
        return try body()
    }

    /// Returns and forgets the messages collected so far in this turn, one per line, without Graphviz's
    /// `Error:` / `Warning:` prefixes. Call only inside `withExclusiveAccess`.
    static func takeMessages() -> [String] {
        let text = collected
        collected = ""
        return text.split(whereSeparator: \.isNewline).compactMap { line in
            var message = Substring(line)
            for prefix in ["Error: ", "Warning: ", "Error:", "Warning:"] where message.hasPrefix(prefix) {
                message = message.dropFirst(prefix.count)
                break
            }
            let trimmed = message.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : trimmed
        }
    }

    /// The names of the plugins of one kind (`layout`, `device`, …) the context knows. Call only inside
    /// `withExclusiveAccess`.
    static func pluginNames(kind: String, context: OpaquePointer) -> [String] {
        var count: Int32 = 0
        guard let list = gvPluginList(context, kind, &count, nil) else {
            return []
        }
        defer { free(list) }
        var names: [String] = []
        for index in 0..<max(0, Int(count)) {
            if let name = list[index] {
                names.append(String(cString: name))
                free(name)
            }
        }
        return names
    }
}
