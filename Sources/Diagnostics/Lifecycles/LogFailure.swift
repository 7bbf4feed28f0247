import Foundation
import Lifecycles
import RetraceCore

/// Where an attached log shows its failure: the line that reports it, the component that was running, and the
/// lines before it.
///
/// Read from the shape of real Image Builder build logs (docs/bundle.md names the public ones read): AWS TOE echoes
/// each step's output as `Stdout: …` and `Stderr: …` lines under the component's document ARN
/// (`Document arn:…:component/NAME/VERSION/BUILD`), and after a failure Image Builder and TOE narrate it in their own
/// words — `Step NAME: Failed`, TOE's summary whose `failureMessage` reads `Document arn:…:component/NAME/… failed!`,
/// the build workflow's `Step ApplyBuildComponents …` lines, `Image transitioned to FAILED state …`. Those come last
/// and say only that it failed; the step's own output says why (Chef, which ParallelCluster's components run, ends a
/// failed run with a `FATAL: …` line naming the error). So the failure is the last line of the step's output that
/// reports one, and only when no output line does, the last line that does; the component is the one TOE's summary
/// names as failed, else the one whose document was running. GameLift's event and game-session logs have no
/// `Stdout:` lines: their last line reporting a failure is the failure.
struct LogFailure: Sendable, Hashable {
    /// Lines kept before the failure, the failure included.
    static let excerptLength = 100

    /// The line that reports the failure.
    var line: String
    /// The component that was running, when the log named it.
    var component: String?
    /// Up to `excerptLength` lines ending at the failure.
    var excerpt: [String]

    /// The name of the log it was read from.
    var logName: String

    /// The failure in `log`, or `nil` when no line reports one.
    init?(_ log: AttachedLog) {
        let lines = log.lines
        let reports = lines.indices.filter { Self.reportsFailure(lines[$0].message) }
        guard let end = reports.last(where: { Self.isStepOutput(lines[$0].message) }) ?? reports.last else {
            return nil
        }
        line = Self.trimmed(lines[end].message)
        logName = log.name
        component =
            lines.lazy.compactMap { Self.failedComponent(in: $0.message) }.last
            ?? lines[...end].reversed().lazy.compactMap { Self.component(in: $0.message) }.first
        excerpt = lines[max(0, end - Self.excerptLength + 1)...end].map { Self.trimmed($0.message) }
    }

    /// Whether a line is a step's own output as TOE echoes it.
    static func isStepOutput(_ message: String) -> Bool {
        let text = message.drop { $0 == " " }
        return text.hasPrefix("Stdout:") || text.hasPrefix("Stderr:") || text.hasPrefix("STDOUT:")
            || text.hasPrefix("STDERR:")
    }

    /// Whether a line reports a failure: "fail", "error" or "fatal" (any case) starting a word, not inside an
    /// identifier (Chef's resource dumps print `ignore_failure false` for every resource), though a CamelCase name
    /// that ends in one counts (`ShellCommandFailed`).
    static func reportsFailure(_ message: String) -> Bool {
        let characters = Array(message.utf8)
        let lowered = Array(message.lowercased().utf8)
        for word in ["fail", "error", "fatal"] {
            let pattern = Array(word.utf8)
            var index = 0
            while index + pattern.count <= lowered.count {
                defer { index += 1 }
                guard lowered[index..<(index + pattern.count)].elementsEqual(pattern) else { continue }
                guard index > 0 else { return true }
                let before = characters[index - 1]
                let isWordCharacter =
                    (before >= 0x30 && before <= 0x39) || (before >= 0x41 && before <= 0x5A)
                    || (before >= 0x61 && before <= 0x7A) || before == 0x5F
                let camelJoin =
                    before >= 0x61 && before <= 0x7A && characters[index] >= 0x41 && characters[index] <= 0x5A
                if !isWordCharacter || camelJoin { return true }
            }
        }
        return false
    }

    /// The component TOE names as failed: `Document arn:…:component/NAME/… failed!`.
    static func failedComponent(in message: String) -> String? {
        guard message.contains("Document arn:"), message.range(of: "failed", options: .caseInsensitive) != nil,
            let range = message.range(of: "Document arn:")
        else { return nil }
        return component(in: String(message[range.lowerBound...]))
    }

    /// The failure as the cause detail of a finding: its line, and the lines up to it.
    var causeDetail: CauseDetail {
        CauseDetail(summary: line, logName: logName, logLines: excerpt)
    }

    /// The component name in a `…:component/NAME/…` ARN on the line, if there is one.
    static func component(in message: String) -> String? {
        guard let range = message.range(of: ":component/") else { return nil }
        let name = message[range.upperBound...].prefix { $0 != "/" && !$0.isWhitespace }
        return name.isEmpty ? nil : String(name)
    }

    private static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
