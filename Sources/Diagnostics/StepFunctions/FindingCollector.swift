import RetraceCore
import StepFunctions

/// Everything worth knowing besides the root cause: caught errors, retries, Map iterations that failed,
/// slow states, redrives, the event budget, and the anomalies reconstruction reported.
struct FindingCollector {
    let context: DiagnosisContext
    let rootCause: Finding?
    private var tree: ExecutionTree { context.tree }

    /// Retries at or above this count in one state make a retry storm.
    static let stormRetries = 10
    /// A history with this many events (80% of the limit) is reported.
    static let budgetWarning = 20_000

    func collect() -> [Finding] {
        var findings: [Finding] = []
        let rootEvidence = Set(rootCause?.evidence ?? [])
        findings += caughtErrors(skipping: rootEvidence)
        findings += retries()
        findings += mapIterations()
        findings += redrives()
        findings += slowStates()
        findings += criticalPath()
        findings += eventBudget()
        findings += anomalies()
        return findings
    }

    /// Caught failures, one finding per state and error however often they happened (a Map of a thousand
    /// iterations that each catch the same error is one finding with a count).
    private func caughtErrors(skipping rootEvidence: Set<String>) -> [Finding] {
        struct Group {
            var first: VisitDirectory.Entry
            var error: String?
            var cause: String?
            var evidence: [String] = []
            var count = 0
        }
        var order: [String] = []
        var groups: [String: Group] = [:]
        let all = context.directory.all
        for position in all.indices where all[position].visit.status == .caught {
            let entry = all[position]
            let visit = entry.visit
            guard let failureID = visit.failureEventID else { continue }
            guard !rootEvidence.contains(String(failureID)) else { continue }
            let failure = tree.event(failureID)
            var error = failure?.details.error
            var cause = failure?.details.cause
            if error == nil, cause == nil {
                let output = visit.output.map(\.value)
                error = output?["Error"]?.stringValue
                cause = output?["Cause"]?.stringValue
            }
            let key = "\(visit.name)\u{0}\(error ?? "")"
            if groups[key] == nil {
                order.append(key)
                groups[key] = Group(first: entry, error: error, cause: cause)
            }
            groups[key]?.count += 1
            if (groups[key]?.evidence.count ?? 0) < 10 { groups[key]?.evidence.append(String(failureID)) }
        }
        return order.compactMap { key in
            guard let group = groups[key] else { return nil }
            let visit = group.first.visit
            let times = group.count == 1 ? "" : " \(group.count) times"
            var explanation = "\(visit.name) failed with \(group.error ?? "an error")\(times) and a Catch handled it"
            if let next = successor(ofExit: visit.exitedEventID) { explanation += "; the execution went on to \(next)" }
            explanation += "."
            return Finding(
                severity: .warning, code: .caughtError,
                title: "\(visit.name): \(group.error ?? "error") was caught\(times)",
                location: group.first.path, evidence: group.evidence, error: group.error, cause: group.cause,
                causeDetail: group.cause.flatMap { ParsedCause($0).detail }, explanation: explanation,
                remedy: RemedyCatalogue.entry(error: group.error, cause: group.cause)?.remedy)
        }
    }

    /// The state entered right after an exit event, found by its `previousEventId`.
    private func successor(ofExit exitID: Int64?) -> String? {
        guard let exitID else { return nil }
        for event in tree.events where event.id > exitID && event.id <= exitID + 50 {
            if event.previousEventID == exitID, event.type.isStateEntered { return event.details.name }
        }
        return nil
    }

    private func retries() -> [Finding] {
        struct Tally {
            var path: [LocationStep]
            var retries = 0
            var backoff: Int64 = 0
            var errors: [String: Int] = [:]
            var finalFailures = 0
            var visits = 0
        }
        var order: [String] = []
        var tallies: [String: Tally] = [:]
        let all = context.directory.all
        for position in all.indices where all[position].visit.attempts.count > 1 {
            let entry = all[position]
            let name = entry.visit.name
            if tallies[name] == nil {
                order.append(name)
                tallies[name] = Tally(path: entry.path)
            }
            tallies[name]?.visits += 1
            tallies[name]?.retries += entry.visit.attempts.count - 1
            for attempt in entry.visit.attempts {
                let backoff = tallies[name]?.backoff ?? 0
                tallies[name]?.backoff = backoff.addingSaturating(attempt.backoffMilliseconds ?? 0)
                if let error = attempt.error, attempt.status.isFailure { tallies[name]?.errors[error, default: 0] += 1 }
            }
            if entry.visit.status.isFailure || entry.visit.status == .caught { tallies[name]?.finalFailures += 1 }
        }
        let wall = tree.durationMilliseconds ?? 0
        return order.compactMap { name in
            guard let tally = tallies[name] else { return nil }
            let errors = tally.errors.sorted { $0.value > $1.value }.prefix(3).map { "\($0.key) ×\($0.value)" }
            let share = wall > 0 ? Int(tally.backoff * 100 / wall) : 0
            let storm =
                tally.retries >= FindingCollector.stormRetries || (tally.retries >= 3 && wall > 0 && share >= 50)
            var explanation =
                "\(name) was retried \(Noun("time").counted(tally.retries)) over \(Noun("visit").counted(tally.visits))"
            if !errors.isEmpty { explanation += " after \(errors.joined(separator: ", "))" }
            if tally.backoff > 0 {
                explanation += "; backoff took \(DurationFormatter.string(milliseconds: tally.backoff))"
                if wall > 0 { explanation += " (\(share)% of the execution's time)" }
            }
            explanation += tally.finalFailures == 0 ? "; every retried visit succeeded in the end." : "."
            return Finding(
                severity: storm ? .warning : .info, code: storm ? .retryStorm : .retried,
                title: storm
                    ? "Retry storm in \(name): \(Noun("retry").counted(tally.retries))"
                    : "\(name) needed \(Noun("retry").counted(tally.retries))",
                location: tally.path, explanation: explanation,
                remedy: storm
                    ? "Retries dominate this state. Fix the underlying error, or lower MaxAttempts and add "
                        + "MaxDelaySeconds and JitterStrategy FULL so retries do not pile up."
                    : tally.finalFailures > 0
                        ? RemedyCatalogue.entry(error: tally.errors.max { $0.value < $1.value }?.key, cause: nil)?
                            .remedy : nil)
        }
    }

    /// Map iterations that failed or were aborted, one finding per Map state (a Map nested in another Map's
    /// iterations is summed over all its visits).
    private func mapIterations() -> [Finding] {
        struct Tally {
            var first: VisitDirectory.Entry
            var visits = 0
            var iterations = 0
            var succeeded = 0
            var failed: [MapIteration] = []
            var aborted = 0
            var items = 0
            var tolerated = true
        }
        var order: [String] = []
        var tallies: [String: Tally] = [:]
        let all = context.directory.all
        for position in all.indices where all[position].visit.type == .map && !all[position].visit.iterations.isEmpty {
            let entry = all[position]
            let visit = entry.visit
            if tallies[visit.name] == nil {
                order.append(visit.name)
                tallies[visit.name] = Tally(first: entry)
            }
            tallies[visit.name]?.visits += 1
            tallies[visit.name]?.iterations += visit.iterations.count
            tallies[visit.name]?.items += max(Int(clamping: visit.itemCount ?? 0), visit.iterations.count)
            tallies[visit.name]?.succeeded += visit.iterations.filter { $0.status == .succeeded }.count
            tallies[visit.name]?.failed += visit.iterations.filter { $0.status.isFailure }
            tallies[visit.name]?.aborted += visit.iterations.filter { $0.status == .aborted }.count
            if !(visit.status == .succeeded || visit.status == .caught) { tallies[visit.name]?.tolerated = false }
        }
        return order.compactMap { name in
            guard let tally = tallies[name], !tally.failed.isEmpty || tally.aborted > 0 else { return nil }
            let indexes = tally.failed.prefix(10).map { String($0.index) }.joined(separator: ", ")
            var explanation = MapCounts(
                items: tally.items, started: tally.iterations, succeeded: tally.succeeded, failed: tally.failed.count,
                aborted: tally.aborted
            ).sentence
            if tally.visits > 1 { explanation += " over \(tally.visits) runs of the Map" }
            if !tally.failed.isEmpty {
                explanation +=
                    "; failed \(Noun("iteration").form(for: tally.failed.count)): \(indexes)\(tally.failed.count > 10 ? ", …" : "")"
            }
            explanation += tally.tolerated ? ". The Map went on regardless (tolerated or caught)." : "."
            return Finding(
                severity: tally.tolerated ? .warning : .info, code: .mapIterationsFailed,
                title: "\(name): \(tally.failed.count) of \(Noun("iteration").counted(tally.iterations)) failed",
                location: tally.first.path, evidence: tally.failed.prefix(10).map { String($0.startedEventID) },
                explanation: explanation)
        }
    }

    private func redrives() -> [Finding] {
        guard tree.runs.count > 1 else { return [] }
        return tree.runs.dropFirst().map { run in
            let previous = tree.runs[run.number > 0 && run.number <= tree.runs.count ? run.number - 1 : 0]
            let fixed = run.outcome == .succeeded
            var explanation =
                "Redrive \(run.number) re-ran the unfinished states after the run that ended "
                + "\(previous.outcome.rawValue)"
            if let error = previous.error { explanation += " with \(error)" }
            explanation += fixed ? "; this time the execution succeeded." : "; it ended \(run.outcome.rawValue)."
            return Finding(
                severity: fixed ? .info : .warning, code: .redriven,
                title: fixed ? "Redrive \(run.number) fixed the failure" : "Redrive \(run.number) did not fix it",
                evidence: [String(run.startEventID)], error: previous.error, cause: previous.cause,
                explanation: explanation)
        }
    }

    /// The states that took the largest share of the execution's time, by name (a state run in every Map
    /// iteration counts once, at its longest). Only visits that ran to their end count: an aborted visit's
    /// length says when it was stopped, not how slow it was. A Wait state is never slow: waiting is what it was
    /// told to do.
    private func slowStates() -> [Finding] {
        // Each state's longest visit, by its place in the directory: a history of many distinct states would
        // otherwise hold a second copy of every visit.
        let all = context.directory.all
        var longest: [String: (milliseconds: Int64, position: Int)] = [:]
        // Read in place, field by field: a copy of each visit would retain every text and list it holds.
        for position in all.indices {
            let type = all[position].visit.type
            let status = all[position].visit.status
            guard type != .map, type != .parallel, type != .wait, status == .succeeded || status == .caught else {
                continue
            }
            let duration = all[position].visit.durationMilliseconds ?? 0
            let name = all[position].visit.name
            if duration > (longest[name]?.milliseconds ?? 0) { longest[name] = (duration, position) }
        }
        // With fewer than three timed states, "slowest" says nothing the tree does not.
        guard let wall = tree.durationMilliseconds, wall > 0, longest.count >= 3 else { return [] }
        // Equal times go in the order the states were visited, so that the answer never depends on hashing.
        let slowest = longest.values.sorted {
            ($0.milliseconds, $1.position) > ($1.milliseconds, $0.position)
        }.prefix(3).map { all[$0.position] }
        return slowest.compactMap { entry in
            guard let duration = entry.visit.durationMilliseconds, duration * 10 >= wall else { return nil }
            return Finding(
                severity: .info, code: .slowState,
                title: "\(entry.visit.name) took \(DurationFormatter.string(milliseconds: duration))",
                location: entry.path, evidence: [String(entry.visit.enteredEventID)],
                explanation: "\(entry.visit.name) took \(duration * 100 / wall)% of the execution's "
                    + "\(DurationFormatter.string(milliseconds: wall)).")
        }
    }

    /// The chain of states that set the execution's length: every top-level state in turn, and inside each
    /// Parallel the longest branch, inside each Map the longest iteration. Shortening anything else does not
    /// make the run faster.
    private func criticalPath() -> [Finding] {
        guard let wall = tree.durationMilliseconds, wall > 0 else { return [] }
        var steps: [(path: [LocationStep], milliseconds: Int64, isWait: Bool)] = []
        func walk(_ visits: [StateVisit], prefix: [LocationStep], depth: Int) {
            for visit in visits {
                let path = prefix + [.state(visit.name)]
                let slowestBranch = visit.branches.max {
                    ($0.durationMilliseconds ?? 0) < ($1.durationMilliseconds ?? 0)
                }
                let slowestIteration = visit.iterations.max {
                    ($0.durationMilliseconds ?? 0) < ($1.durationMilliseconds ?? 0)
                }
                if depth < TreeDepth.limit, let branch = slowestBranch, visit.branches.count > 1 {
                    walk(branch.visits, prefix: path + [.branch(branch.number)], depth: depth + 1)
                } else if depth < TreeDepth.limit, let iteration = slowestIteration, visit.iterations.count > 1,
                    (iteration.durationMilliseconds ?? 0) * 2 >= (visit.durationMilliseconds ?? 0)
                {
                    // Only when one iteration spans most of the Map did it set the Map's length; iterations that
                    // ran one after another (MaxConcurrency) make the Map itself the step.
                    walk(iteration.visits, prefix: path + [.iteration(iteration.index)], depth: depth + 1)
                } else if let duration = visit.durationMilliseconds, duration > 0 {
                    steps.append((path, duration, visit.type == .wait))
                }
            }
        }
        walk(tree.visits, prefix: [], depth: 0)
        let nested = steps.contains { $0.path.count > 1 }
        guard nested, !steps.isEmpty else { return [] }
        let heaviest = steps.sorted { $0.milliseconds > $1.milliseconds }.prefix(5)
        let parts = heaviest.map {
            "\($0.path.pathDescription) \($0.isWait ? "waited " : "")"
                + "\(DurationFormatter.string(milliseconds: $0.milliseconds)) (\($0.milliseconds * 100 / wall)%"
                + "\($0.isWait ? ", a Wait state, as configured" : ""))"
        }
        // A Wait on the path waited as it was told: it is named, never blamed.
        guard let top = heaviest.first(where: { !$0.isWait }), top.milliseconds * 10 >= wall else { return [] }
        return [
            Finding(
                severity: .info, code: .criticalPath,
                title: "Critical path: \(top.path.pathDescription) holds \(top.milliseconds * 100 / wall)% of the run",
                location: top.path,
                explanation: "Through the longest branch of each Parallel and the longest iteration of each Map, the "
                    + "run's length is made of \(Noun("step").counted(steps.count)); the largest: "
                    + "\(parts.joined(separator: "; ")). "
                    + "Speeding up anything off this path does not shorten the execution.")
        ]
    }

    /// A history close to the 25,000-event limit, and which states filled it.
    private func eventBudget() -> [Finding] {
        let total = tree.events.count
        guard rootCause?.code != .historyLimit, total >= FindingCollector.budgetWarning else { return [] }
        let usage = HistoryLimit(context: context).usage(top: 3)
        let parts = usage.map {
            "\($0.name) \(Noun("event").counted($0.events)) in \(Noun("visit").counted($0.visits))"
        }
        // More than the limit cannot come from one Standard execution (an Express one's log, or histories joined):
        // said as it is, not as a margin below zero.
        let over = total > 25_000
        return [
            Finding(
                severity: .warning, code: .historyBudget,
                title: over
                    ? "The history holds \(total) events, more than the 25,000 a Standard execution may hold"
                    : "The history used \(total) of the 25,000 events it may hold",
                location: usage.first.map { [.state($0.name)] } ?? [],
                explanation: (over
                    ? "A Standard execution fails when its history reaches 25,000 events; this history has "
                        + "\(total - 25_000) more."
                    : "An execution fails when its history reaches 25,000 events; this one came within "
                        + "\(25_000 - total).") + " The largest consumers: \(parts.joined(separator: "; ")).",
                remedy: RemedyCatalogue.entry(error: nil, cause: "maximum number of history events")?.remedy)
        ]
    }

    private func anomalies() -> [Finding] {
        tree.warnings.map { warning in
            Finding(
                severity: warning.code == .timestampUnreadable ? .info : .warning, code: .logAnomaly(warning.code),
                title: warning.message, evidence: warning.eventIDs.prefix(10).map { String($0) },
                explanation: warning.message)
        }
    }
}
