import RetraceCore
import StepFunctions

func dump(_ visits: [StateVisit], _ indent: String) {
    for v in visits {
        print(
            "\(indent)\(v.name) [\(v.type.rawValue)] \(v.status.rawValue) #\(v.enteredEventID)-\(v.endEventID.map(String.init) ?? "?") attempts=\(v.attempts.map { "\($0.number):\($0.status.rawValue)" }) \(v.error ?? "")"
        )
        for b in v.branches {
            print("\(indent)  branch \(b.number) \(b.status.rawValue)"); dump(b.visits, indent + "    ")
        }
        for i in v.iterations {
            print("\(indent)  iter \(i.index) \(i.status.rawValue)"); dump(i.visits, indent + "    ")
        }
        if let r = v.mapRun { print("\(indent)  maprun \(r.status.rawValue) \(r.error ?? "")") }
    }
}
for path in CommandLine.arguments.dropFirst() {
    do {
        let h = try HistoryDecoder().decode([try InputBuffer.read(path: path)])
        let t = ExecutionTree(history: h)
        print(
            "== \(path.split(separator: "/").last!) outcome=\(t.outcome) events=\(h.events.count) err=\(t.runs.last?.error ?? "-")"
        )
        dump(t.visits, "  ")
        for w in t.warnings { print("  ! \(w.code): \(w.message)") }
    } catch { print("ERROR \(error)") }
}
