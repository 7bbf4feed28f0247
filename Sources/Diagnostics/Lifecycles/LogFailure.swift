import Lifecycles
import RetraceCore

/// Where an attached log shows its failure: the last line that reports one ("fail" or "error", any case), the
/// component that was running, and the lines before it. EC2 Image Builder's component runner prints each
/// component's document ARN (`…:component/NAME/VERSION/BUILD`) as it starts it, the step's output, and ends a failed
/// build with such lines; GameLift's event logs end with the error that stopped the step.
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
        guard
            let end = lines.lastIndex(where: { line in
                let lower = line.message.lowercased()
                return lower.contains("fail") || lower.contains("error")
            })
        else { return nil }
        line = Self.trimmed(lines[end].message)
        logName = log.name
        component = lines[...end].reversed().lazy.compactMap { Self.component(in: $0.message) }.first
        excerpt = lines[max(0, end - Self.excerptLength + 1)...end].map { Self.trimmed($0.message) }
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
