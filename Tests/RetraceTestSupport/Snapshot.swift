import Foundation
import Testing

/// Golden-file comparison for text we own byte for byte (DOT).
///
/// Snapshots live in `Snapshots/` next to this file. Run the tests with `RETRACE_UPDATE_SNAPSHOTS=1` to
/// (re)write them; review the diff before committing.
public enum Snapshot {
    /// Whether the run records snapshots instead of checking them (`RETRACE_UPDATE_SNAPSHOTS=1`).
    public static var isRecording: Bool {
        ProcessInfo.processInfo.environment["RETRACE_UPDATE_SNAPSHOTS"] == "1"
    }

    /// The `Snapshots` folder beside the test file that calls.
    public static func directory(filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    }

    /// Checks that `actual` equals the snapshot `name` byte for byte (or records it).
    public static func expectMatches(
        _ actual: String,
        named name: String,
        filePath: String = #filePath,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let url = directory(filePath: filePath).appendingPathComponent(name)
        if isRecording {
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(actual.utf8).write(to: url)
            } catch {
                Issue.record("could not write snapshot \(name): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? Data(contentsOf: url) else {
            Issue.record(
                "missing snapshot \(name); run the tests with RETRACE_UPDATE_SNAPSHOTS=1 to record it",
                sourceLocation: sourceLocation)
            return
        }
        let actualBytes = Data(actual.utf8)
        guard expected != actualBytes else {
            return
        }
        let difference = firstDifference(expected: String(decoding: expected, as: UTF8.self), actual: actual)
        Issue.record(
            "snapshot \(name) differs (run with RETRACE_UPDATE_SNAPSHOTS=1 to accept):\n\(difference)",
            sourceLocation: sourceLocation)
    }

    /// The first differing line, with its number, for a readable failure.
    static func firstDifference(expected: String, actual: String) -> String {
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let left = index < expectedLines.count ? String(expectedLines[index]) : "<end of snapshot>"
            let right = index < actualLines.count ? String(actualLines[index]) : "<end of output>"
            if left != right {
                return "line \(index + 1):\n  expected: \(left.debugDescription)\n  actual:   \(right.debugDescription)"
            }
        }
        return "(the texts differ only in line endings)"
    }
}
