import AWSClient
import Foundation
import RetraceCore

/// The logs a fetched event log links to (GameLift's `PreSignedLogUrl`s), saved while their links still work: in
/// `NAME.logs/` beside the file written, one file per event, named after the event and the link's file name.
enum EventLogDownloads {
    /// Downloads each link into the folder beside `file`, saying on standard error what was saved and what was
    /// not; nothing is saved when the log went to standard output (`file` is `nil`).
    static func save(_ links: [(eventID: String, code: String, url: URL)], beside file: URL?) async throws {
        guard !links.isEmpty else { return }
        guard let file else {
            Console.error(
                "note: \(Noun("event").counted(links.count)) link to logs that were not saved (the output is "
                    + "standard output; give -o FILE to keep them); the links last 15 minutes")
            return
        }
        let folder = file.deletingPathExtension().appendingPathExtension("logs")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var taken = Set((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        let transport = URLSessionTransport()
        for link in links {
            let base = link.url.deletingPathExtension().lastPathComponent
            let suffix = link.url.pathExtension.isEmpty ? "log" : link.url.pathExtension
            let name = OutputTarget.fileName(for: "\(link.eventID)-\(base)", extension: suffix, taken: &taken)
            let target = folder.appendingPathComponent(name)
            do {
                let response = try await transport.download(link.url)
                guard (200..<300).contains(response.status) else {
                    Console.error(
                        "warning: the log of \(link.code) (event \(link.eventID)) could not be saved: HTTP "
                            + "\(response.status) (the link may have expired)")
                    continue
                }
                try response.body.write(to: target)
                Console.error(
                    "saved the log of \(link.code) (event \(link.eventID)) to \(target.path) "
                        + "(\(Noun("byte").counted(response.body.count)))")
            } catch let error as AWSError {
                Console.error("warning: the log of \(link.code) (event \(link.eventID)) could not be saved: \(error)")
            }
        }
    }
}
