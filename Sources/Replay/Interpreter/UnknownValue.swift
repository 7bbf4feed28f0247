import RetraceCore

/// Marks values the interpreter cannot know from a definition and a history: the execution's ARN when the history
/// does not give it, a task token, a state's entry time when timestamps are masked.
///
/// An unknown value is a JSON string holding a marker, so it flows through paths, templates and intrinsic
/// functions like any other value (`States.Format('{}', $$.Execution.Id)` keeps the marker inside the text). When
/// a computed value holding markers is compared with the recorded one, each marker matches anything, and the
/// comparison is reported as partial instead of as a divergence.
public enum UnknownValue {
    /// The character that opens and closes a marker; it cannot appear in JSON text from AWS unescaped.
    static let delimiter: Character = "\u{1}"

    /// A marker standing for the value of `what` (`$$.Execution.Id`).
    public static func marker(_ what: String) -> JSONValue {
        .string(markerText(what))
    }

    /// The marker text for `what`.
    public static func markerText(_ what: String) -> String {
        "\(delimiter)unknown \(what)\(delimiter)"
    }

    /// Whether `text` holds at least one marker.
    public static func contains(_ text: String) -> Bool {
        text.contains(delimiter)
    }

    /// Whether `value` holds a marker anywhere.
    public static func contains(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let text): return contains(text)
        case .array(let elements): return elements.contains { contains($0) }
        case .object(let object): return object.contains { contains($0.value) }
        default: return false
        }
    }

    /// What the markers in `text` stand for, in order (`$$.Execution.Id`).
    public static func names(in text: String) -> [String] {
        let parts = text.split(separator: delimiter, omittingEmptySubsequences: false)
        return stride(from: 1, to: parts.count, by: 2).map { String(parts[$0].dropFirst("unknown ".count)) }
    }
}
