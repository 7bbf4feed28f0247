import AWSClient
import Foundation
import Rendering
import RetraceCore

/// What `fetch --image` says of an image's Image Builder log: the log kept in `NAME.logs/` beside the stack events,
/// and on standard error the failing component's last lines, up to the line that reports the failure.
enum ImageBuilderLogReport {
    /// Lines of the failing component shown.
    static let excerptLines = 100

    /// Saves `log` beside `file` (not when the events went to standard output) and shows its failure.
    static func save(_ log: ImageBuilderLog?, image: String, beside file: URL?) throws {
        guard let log else {
            Console.error(
                "note: no Image Builder log for \(image) in CloudWatch Logs (\(ImageBuilderLog.group(forImage: image))): "
                    + "the build did not start, or the log group has expired")
            return
        }
        if let file {
            let folder = file.deletingPathExtension().appendingPathExtension("logs")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var taken = Set((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            let name = OutputTarget.fileName(
                for: "imagebuilder-\(log.stream.replacingOccurrences(of: "/", with: "-"))", extension: "log",
                taken: &taken)
            let target = folder.appendingPathComponent(name)
            try Data(log.text.utf8).write(to: target)
            Console.error(
                "saved the Image Builder log (\(Noun("line").counted(log.lines.count)), stream \(log.stream)) to "
                    + target.path)
        }
        guard let excerpt = log.failureExcerpt(count: excerptLines) else { return }
        let component = excerpt.component.map { " of component \($0)" } ?? ""
        Console.error(
            "Image Builder log, stream \(log.stream): the last \(Noun("line").counted(excerpt.lines.count))"
                + "\(component), up to the failure:")
        for line in excerpt.lines {
            FileHandle.standardError.write(
                Data(
                    ("  "
                        + TerminalText.sanitized(CredentialRedactor.standard.redact(line.message))
                        .trimmingCharacters(in: .whitespacesAndNewlines) + "\n").utf8))
        }
    }
}
