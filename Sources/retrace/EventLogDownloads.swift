import AWSClient
import Foundation
import RetraceCore

/// The logs a fetched event log links to (GameLift's `PreSignedLogUrl`s, and game sessions' log archives),
/// downloaded while their links still work: each kept as a file in `NAME.logs/` beside the file written (not for
/// standard output), and its text kept in the event log itself — an event's log in `EventLogs`, the text files of a
/// game session's archive (a zip) in `GameSessionLogs` — so that the analysis can show the lines that explain a
/// failure.
enum EventLogDownloads {
    /// Lines of one log kept in the event log: its last ones, where a failure is reported.
    static let keptLines = 1_000

    /// Downloads each link (an event's, or a game session's) through `transport`, saying on standard error what was saved and what
    /// was not; the `EventLogs` entries of the events' text logs (`EventId`, `EventCode`, `file`, `lines`), and the
    /// `GameSessionLogs` entries of the game sessions' archives (`GameSessionId`, `Status`, `StatusReason`, `file`,
    /// and `logs`: each text file's `name` and `lines`).
    static func download(_ links: [LogLink], beside file: URL?, transport: CurlTransport) async throws
        -> (eventLogs: [JSONValue], gameSessionLogs: [JSONValue])
    {
        guard !links.isEmpty else { return ([], []) }
        var folder: URL?
        var taken: Set<String> = []
        if let file {
            let logs = file.deletingPathExtension().appendingPathExtension("logs")
            try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
            taken = Set((try? FileManager.default.contentsOfDirectory(atPath: logs.path)) ?? [])
            folder = logs
        }
        var entries: [JSONValue] = []
        var sessions: [JSONValue] = []
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
            var note = text == nil ? ", not text" : ""
            if link.isEventLog, let text {
                var entry: [(String, JSONValue)] = [
                    ("EventId", .string(link.id)), ("EventCode", .string(link.subject)),
                ]
                if let saved { entry.append(("file", .string(saved))) }
                entry.append(("lines", lines(of: text)))
                entries.append(.object(JSONObject(entry)))
            } else if let ending = link.ending {
                do {
                    let logs = try archivedLogs(response.body, name: saved ?? "the archive of \(what)")
                    var entry: [(String, JSONValue)] = [
                        ("GameSessionId", .string(link.id)), ("Status", .string(ending.status)),
                    ]
                    if let reason = ending.reason { entry.append(("StatusReason", .string(reason))) }
                    if let saved { entry.append(("file", .string(saved))) }
                    entry.append(("logs", .array(logs)))
                    sessions.append(.object(JSONObject(entry)))
                    note = ", \(Noun("text log").counted(logs.count)) read from the archive"
                } catch let error as ZipError {
                    Console.error("warning: \(what) was downloaded but its archive could not be read: \(error)")
                    note = ", not read"
                }
            }
            Console.error(
                "kept \(what) (\(Noun("byte").counted(response.body.count)))" + (saved.map { " in \($0)" } ?? "") + note
            )
        }
        return (entries, sessions)
    }

    /// The text files of a game session's log archive (a zip of the server process's log files), each as its `name`
    /// and its last lines; files that are not text (core dumps) are passed over.
    private static func archivedLogs(_ body: Data, name: String) throws -> [JSONValue] {
        let archive = try ZipArchive(name: name, bytes: Array(body))
        var logs: [JSONValue] = []
        for entry in archive.entries where !entry.isFolder {
            guard let text = Self.text(Data(try archive.contents(of: entry))) else { continue }
            logs.append(.object(JSONObject([("name", .string(entry.name)), ("lines", lines(of: text))])))
        }
        return logs
    }

    /// The last `keptLines` non-empty lines of `text`.
    private static func lines(of text: String) -> JSONValue {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .map(String.init).filter { !$0.isEmpty }
        return .array(lines.suffix(keptLines).map { .string($0) })
    }

    /// The body as text, when it is UTF-8 without NUL bytes (an archive is not).
    private static func text(_ body: Data) -> String? {
        guard !body.contains(0) else { return nil }
        return String(data: body, encoding: .utf8)
    }
}
