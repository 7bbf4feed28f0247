import StepFunctions

/// The mark and colour people see for each status, shared by every text report so they read alike.
enum StatusMarker {
    static func symbol(_ status: Status) -> String {
        switch status {
        case .succeeded: return "✓"
        case .failed: return "✗"
        case .caught: return "↪"
        case .timedOut: return "⏱"
        case .aborted: return "⊘"
        case .running: return "▶"
        }
    }

    static func styled(_ status: Status, _ text: String, style: TextStyle) -> String {
        switch status {
        case .succeeded: return style.green(text)
        case .failed, .timedOut: return style.red(text)
        case .caught: return style.yellow(text)
        case .aborted: return style.grey(text)
        case .running: return style.cyan(text)
        }
    }

    static func label(_ status: Status) -> String {
        switch status {
        case .timedOut: return "timed out"
        default: return status.rawValue
        }
    }
}
