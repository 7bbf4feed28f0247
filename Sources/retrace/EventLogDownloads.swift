import AWSClient
import Foundation
import RetraceCore

/// The logs a fetched event log links to (GameLift's `PreSignedLogUrl`s), downloaded while their links still work:
/// each kept as a file in `NAME.logs/` beside the file written (not for standard output), and, when it is text,
/// its lines kept in the event log itself (`EventLogs`), so that the analysis can show the lines that explain a
/// failure.
enum EventLogDownloads {
    /// Lines of one log kept in the event log: its last ones, where a failure is reported.
    static let keptLines = 1_000

    /// Downloads each link (an event's, or a game session's), saying on standard error what was saved and what
    /// was not; the `EventLogs` entries of the events' text logs (`EventId`, `EventCode`, `file`, `lines`).
    static func download(_ links: [LogLink], beside file: URL?) async throws -> [JSONValue] {
        guard !links.isEmpty else { return [] }
        var folder: URL?
        var taken: Set<String> = []
        if let file {
            let logs = file.deletingPathExtension().appendingPathExtension("logs")
            try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
            taken = Set((try? FileManager.default.contentsOfDirectory(atPath: logs.path)) ?? [])
            folder = logs
        }
        let transport = URLSessionTransport()
        var entries: [JSONValue] = []
        for link in links {
            let what = "the log of \(link.subject) (\(link.isEventLog ? "event" : "id") \(link.id))"
            let response: HTTPResponse
            do {
                response = try await transport.download(link.url)
            } catch let error as AWSError {
                Console.error("warning: \(what) could not be downloaded: \(error)")
                continue
            }
            guard (200..<300).contains(response.status) else {
                Console.error(
                    "warning: \(what) could not be downloaded: HTTP \(response.status) (the link may have expired)")
                continue
            }
            var saved: String?
            if let folder {
                let base = link.url.deletingPathExtension().lastPathComponent
                let suffix = link.url.pathExtension.isEmpty ? "log" : link.url.pathExtension
                let name = OutputTarget.fileName(for: "\(link.id)-\(base)", extension: suffix, taken: &taken)
                try response.body.write(to: folder.appendingPathComponent(name))
                saved = folder.lastPathComponent + "/" + name
            }
            let text = Self.text(response.body)
            if link.isEventLog, let text {
                var entry: [(String, JSONValue)] = [
                    ("EventId", .string(link.id)), ("EventCode", .string(link.subject)),
                ]
                if let saved { entry.append(("file", .string(saved))) }
                let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
                    .map(String.init).filter { !$0.isEmpty }
                entry.append(("lines", .array(lines.suffix(keptLines).map { .string($0) })))
                entries.append(.object(JSONObject(entry)))
            }
            Console.error(
                "kept \(what) (\(Noun("byte").counted(response.body.count)))"
                    + (saved.map { " in \($0)" } ?? "") + (text == nil ? ", not text" : ""))
        }
        return entries
    }

    /// The body as text, when it is UTF-8 without NUL bytes (an archive is not).
    private static func text(_ body: Data) -> String? {
        guard !body.contains(0) else { return nil }
        return String(data: body, encoding: .utf8)
    }
}
