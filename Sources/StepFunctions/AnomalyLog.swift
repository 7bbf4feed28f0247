import RetraceCore

/// Collects anomalies in a log by kind while the tree is built, then says each kind once, with a count and the
/// first few event ids, so that a broken 25,000-event history yields a handful of readable warnings.
///
/// An anomaly between two events (a link to a missing or later id, a timestamp earlier than the event before)
/// names both: `eventIDs` lists the events that carry the anomaly, the message also names what they point at.
struct AnomalyLog {
    var warnings: [LogWarning] = []
    private var byCode: [LogWarning.Code: Notes] = [:]
    private var order: [LogWarning.Code] = []

    /// Notes that `eventID` shows anomaly `code`; `other` is the id it concerns (the link's target, the event
    /// it runs back from).
    mutating func note(_ code: LogWarning.Code, _ eventID: Int64, other: Int64? = nil) {
        if byCode[code] == nil { order.append(code) }
        byCode[code, default: Notes()].add((eventID, other))
    }

    /// The notes of one kind: how many, and the first few, which are all a warning shows (a hostile history may
    /// carry an anomaly on every event).
    private struct Notes {
        static let kept = 20
        var count = 0
        var first: [(id: Int64, other: Int64?)] = []

        mutating func add(_ note: (id: Int64, other: Int64?)) {
            count += 1
            if first.count < Notes.kept { first.append(note) }
        }
    }

    func summarised() -> [LogWarning] {
        warnings
            + order.compactMap { code in
                guard let notes = byCode[code] else { return nil }
                let ids = notes.first.map(\.id)
                let count = notes.count
                let list = Self.pairs(notes, "")
                let message: String
                switch code {
                case .danglingLink:
                    message =
                        "\(Noun("event").counted(count)) \(Noun("names", plural: "name").form(for: count)) a previousEventId that is not in the history "
                        + "(\(Self.pairs(notes, " → "))); \(count == 1 ? "it was" : "they were") placed after the event before "
                        + "\(count == 1 ? "it" : "them")"
                case .forwardLink:
                    message =
                        "\(Noun("event").counted(count)) \(Noun("names", plural: "name").form(for: count)) a previousEventId that is not earlier than "
                        + "\(count == 1 ? "itself" : "themselves") "
                        + "(\(Self.pairs(notes, " → "))); the link was ignored"
                case .timestampBackwards:
                    message =
                        "\(Noun("event").counted(count)) \(Noun.isVerb.form(for: count)) timed earlier than the event they follow "
                        + "(\(Self.pairs(notes, " before "))): the clock ran backwards; durations over them count as 0"
                case .afterTerminal:
                    message =
                        "\(Noun("event").counted(count)) \(Noun("comes", plural: "come").form(for: count)) after the execution ended (\(list))"
                case .orphanEvent:
                    message =
                        "\(Noun("event").counted(count)) could not be matched to a state, iteration or branch (\(list))"
                case .nestingTooDeep:
                    message =
                        "Map / Parallel nesting deeper than \(TreeBuilder.maxNesting) levels was flattened "
                        + "(\(list))"
                default:
                    message = "\(code): \(list)"
                }
                return LogWarning(code: code, message: message, eventIDs: ids)
            }
    }

    /// `#12 → 9999, #13 → 9998, …`: each event with the id it concerns, the first eight.
    /// Without a joiner, the ids alone: `#12, #13, …`.
    private static func pairs(_ notes: Notes, _ joiner: String) -> String {
        let shown = notes.first.prefix(8).map { note in
            "#\(note.id)" + (joiner.isEmpty ? "" : note.other.map { joiner + "#\($0)" } ?? "")
        }
        return shown.joined(separator: ", ") + (notes.count > 8 ? ", …" : "")
    }
}
