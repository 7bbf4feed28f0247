import Foundation
import Lifecycles
import RetraceCore

/// GameLift: a fleet's root cause is the failure event that led it to `FLEET_STATE_ERROR`; on an ACTIVE fleet,
/// crashes and unhealthy terminations are counted; every event log link is explained without its secrets.
struct GameLiftDiagnoser: DeploymentDiagnoser {
    static var family: LifecycleSource.Family { .gameLift }
    /// A stack's `AWS::GameLift::Fleet` resource creates a fleet: its physical id is the fleet id.
    static var createdByResourceTypes: Set<String> { ["AWS::GameLift::Fleet"] }
    static var deploymentNoun: String { "fleet" }

    let run: LifecycleRun
    /// Each event's catalogue entry, looked up once for the passes below.
    private let entries: GameLiftEventEntries

    init(run: LifecycleRun) {
        self.run = run
        entries = GameLiftEventEntries(run.events)
    }

    func diagnose() -> Diagnosis {
        var outcomes: [RunOutcome] = []
        var rootCause: Finding?
        var findings: [Finding] = []
        for fleet in run.instances where fleet.kind == "fleet" {
            outcomes.append(outcome(of: fleet))
            if let failure = errorFinding(for: fleet) {
                if rootCause == nil { rootCause = failure } else { findings.append(failure) }
            }
            findings.append(contentsOf: healthFindings(for: fleet))
        }
        for location in run.instances where location.kind == "location" {
            if let failure = errorFinding(for: location) {
                if rootCause == nil { rootCause = failure } else { findings.append(failure) }
            }
        }
        if rootCause != nil, !outcomes.contains(.failed) { outcomes.append(.failed) }
        findings.append(contentsOf: otherFailureFindings(excluding: Set(rootCause?.evidence ?? [])))
        findings.append(contentsOf: logLinkFindings())
        findings.append(contentsOf: gameSessionFindings())
        var diagnosis = Diagnosis(
            outcome: LifecycleDiagnoser.worst(outcomes), rootCause: rootCause, findings: findings)
        let fleets = run.instances.filter { $0.kind == "fleet" }
        if let fleet = fleets.first(where: { $0.status == .failed }) ?? fleets.first {
            diagnosis.verdict = verdict(for: fleet)
        }
        return diagnosis
    }

    /// The fleet's status as the GameLift console shows it, with its health: an ACTIVE fleet whose server
    /// processes crash is "active, degraded", with how many crashed and how often.
    private func verdict(for fleet: MachineInstance) -> ServiceVerdict {
        switch fleet.state {
        case "ERROR":
            let errorVisit = fleet.path.lastIndex { $0.state == "ERROR" } ?? 0
            let phase = errorVisit > 0 ? fleet.path[errorVisit - 1].state : nil
            return ServiceVerdict(
                status: "ERROR", operation: phase, summary: "failed" + (phase.map { " while \($0)" } ?? ""))
        case "ACTIVE":
            let tally = crashTally(for: fleet)
            guard tally.crashes > 0 else { return ServiceVerdict(status: "ACTIVE", summary: "active") }
            var detail = Noun("server-process crash", plural: "server-process crashes").counted(Int(tally.crashes))
            if let hours = tally.hours, hours > 0 {
                let rate = Double(tally.crashes) / hours
                detail += " in \(DurationFormatter.string(milliseconds: Int64(hours * 3_600_000)))"
                detail += " (\(rate < 10 ? String(format: "%.1f", rate) : String(Int(rate.rounded()))) an hour)"
            }
            return ServiceVerdict(status: "ACTIVE", summary: "active, degraded", isDegraded: true, detail: detail)
        case "DELETING":
            return ServiceVerdict(status: "DELETING", summary: "deleted")
        default:
            return ServiceVerdict(
                status: fleet.state, summary: fleet.status == .notStarted ? "not started" : "creating")
        }
    }

    /// Server processes and container groups that crashed or were terminated as unhealthy after the fleet
    /// became ACTIVE (each event's `Count` included), and the hours from ACTIVE to the last event.
    private func crashTally(for fleet: MachineInstance) -> (crashes: Int64, hours: Double?) {
        guard let active = fleet.transitions.last(where: { $0.to == "ACTIVE" }),
            let activePosition = run.position(of: active.eventID)
        else { return (0, nil) }
        var crashes: Int64 = 0
        var lastTime = active.time
        for position in run.events.indices where position > activePosition {
            let event = run.events[position]
            guard GameLiftFleetModel.fleetID(of: event) == fleet.name else { continue }
            if let time = event.time { lastTime = time }
            guard let entry = entries[position], entry.impact == .health,
                entry.category == .serverProcess || entry.category == .container
            else { continue }
            crashes = crashes.addingSaturating(max(event.count ?? 1, 1))
        }
        guard let start = active.time, let end = lastTime else { return (crashes, nil) }
        return (crashes, Double(start.elapsedMilliseconds(until: end)) / 3_600_000)
    }

    private func outcome(of fleet: MachineInstance) -> RunOutcome {
        switch fleet.status {
        case .failed: return .failed
        case .succeeded: return .succeeded
        case .notStarted: return .unknown
        case .inProgress:
            if fleet.state == "DELETING" {
                return fleet.statePath.contains("ACTIVE") ? .succeeded : .aborted
            }
            return .running
        }
    }

    /// The finding for an instance that went to ERROR: the most specific failure event between the start of its
    /// latest creation and the error, else the error itself.
    private func errorFinding(for instance: MachineInstance) -> Finding? {
        guard let errorVisit = instance.path.lastIndex(where: { $0.state == "ERROR" }),
            let errorID = instance.path[errorVisit].eventID, let errorPosition = run.position(of: errorID),
            let errorEvent = run.event(errorID)
        else { return nil }
        // The state it failed in; unknown when the log begins with the error.
        let phase = errorVisit > 0 ? instance.path[errorVisit - 1].state : nil
        let fleetID = instance.kind == "location" ? (instance.scope.first ?? instance.name) : instance.name
        let fleetEvents = run.events.indices.filter { GameLiftFleetModel.fleetID(of: run.events[$0]) == fleetID }
        let start = fleetEvents.last { $0 < errorPosition && run.events[$0].code == "FLEET_CREATED" } ?? 0
        var candidates: [(rank: Int, position: Int)] = []
        for position in fleetEvents where position >= start {
            let event = run.events[position]
            let sameTime = event.time != nil && event.time == errorEvent.time
            guard position < errorPosition || sameTime else { continue }
            guard let entry = GameLiftEventCode.entry(for: event.code), entry.impact == .failure,
                entry.category != .fleetState, entry.category != .locationState
            else { continue }
            candidates.append((GameLiftRemedies.genericFailures.contains(event.code) ? 1 : 0, position))
        }
        var location = LifecycleDiagnoser.location(of: instance)
        if let phase { location.append(.phase(phase)) }
        let subject = instance.kind == "location" ? "Location \(instance.name) of fleet \(fleetID)" : "Fleet \(fleetID)"
        let whereText = phase.map { " while \($0)" } ?? ""
        guard let best = candidates.min(by: { ($0.rank, $0.position) < ($1.rank, $1.position) }) else {
            return Finding(
                severity: .error,
                code: instance.kind == "location" ? .gameLiftLocationError : .gameLiftFleetError,
                title: "\(subject) went to ERROR\(whereText)", location: location, evidence: [errorEvent.id],
                error: errorEvent.code, cause: errorEvent.message,
                explanation: "The fleet moved to ERROR\(whereText) at \(errorEvent.timeDescription), and no event "
                    + "before it in this log names a failure.",
                remedy: GameLiftRemedies.remedy(for: errorEvent.code))
        }
        let cause = run.events[best.position]
        let meaning = GameLiftEventCode.entry(for: cause.code)?.meaning ?? ""
        var remedy = GameLiftRemedies.remedy(for: cause.code) ?? ""
        if cause.preSignedLogURL != nil {
            remedy += " The service stored a log of this step; see the log finding for how to fetch it."
        }
        let others = candidates.filter { $0.position != best.position }.map { run.events[$0.position].id }
        let logFailure = run.log.attachedLogs.first { $0.eventID == cause.id }.flatMap(LogFailure.init)
        var explanation =
            "\(meaning) This is the failure that led to \(errorEvent.code) at \(errorEvent.timeDescription)."
        if let logFailure { explanation += " In the \(logFailure.logName), the failure reads: \(logFailure.line)" }
        return Finding(
            severity: .error, code: instance.kind == "location" ? .gameLiftLocationError : .gameLiftFleetError,
            title: "\(subject) failed\(whereText): \(cause.code)", location: location,
            evidence: [cause.id, errorEvent.id] + others.prefix(10), error: cause.code, cause: cause.message,
            causeDetail: logFailure?.causeDetail, explanation: explanation, remedy: remedy.isEmpty ? nil : remedy)
    }

    /// A game session that ended badly and whose log archive was read (`GameSessionLogs`): the failure its server
    /// logs show (the last line reporting one, in the first of its logs that has one) and the lines before it.
    private func gameSessionFindings() -> [Finding] {
        var order: [AttachedLog.GameSession] = []
        var logs: [AttachedLog.GameSession: [AttachedLog]] = [:]
        for log in run.log.attachedLogs {
            guard let session = log.gameSession else { continue }
            if logs[session] == nil { order.append(session) }
            logs[session, default: []].append(log)
        }
        return order.map { session in
            let failure = (logs[session] ?? []).lazy.compactMap(LogFailure.init).first
            let shortID = session.id.split(separator: "/").last.map(String.init) ?? session.id
            let fleet = session.id.split(separator: "/").dropLast().last.map(String.init)
            let ending = session.status + (session.reason.map { " (\($0))" } ?? "")
            var explanation = "GameLift ended game session \(shortID) as \(ending)"
            explanation +=
                failure.map { ". In its \($0.logName), the failure reads: \($0.line)" }
                ?? "; no line of its logs reports a failure."
            return Finding(
                severity: session.status == "ERROR" ? .error : .warning, code: .gameLiftGameSession,
                title: "Game session \(shortID) ended \(ending)",
                location: (fleet.map { [LocationStep.resource($0)] } ?? []) + [.phase("game session \(shortID)")],
                evidence: [], error: session.status, cause: failure?.line, causeDetail: failure?.causeDetail,
                explanation: explanation,
                remedy: "Read the server process's log around that line: the game session ends in ERROR when the "
                    + "server process reports it or stops while hosting it. GameLift keeps the archive 14 days.")
        }
    }

    /// Counts of crashes, unhealthy terminations, interruptions and the like after the fleet became ACTIVE.
    private func healthFindings(for fleet: MachineInstance) -> [Finding] {
        guard let active = fleet.transitions.first(where: { $0.to == "ACTIVE" }),
            let activePosition = run.position(of: active.eventID)
        else { return [] }
        // One tally per health code, in order of first appearance; each code is looked up once per event (a
        // fleet that ran for years has hundreds of thousands of them), and only the evidence shown is kept.
        struct Tally {
            var code: String
            var meaning: String
            var total: Int64 = 0
            var eventCount = 0
            var evidence: [String] = []
        }
        var tallies: [Tally] = []
        // Each catalogue entry's tally, by its place in the catalogue (-1 before its first event).
        var tallyOf = [Int](repeating: -1, count: GameLiftEventCode.all.count)
        let events = run.events
        for position in events.indices where position > activePosition {
            let event = events[position]
            guard GameLiftFleetModel.fleetID(of: event) == fleet.name, let place = entries.place(of: position) else {
                continue
            }
            if tallyOf[place] < 0 {
                let entry = GameLiftEventCode.all[place]
                guard entry.impact == .health else { continue }
                tallyOf[place] = tallies.count
                tallies.append(Tally(code: event.code, meaning: entry.meaning))
            }
            let slot = tallyOf[place]
            tallies[slot].total = tallies[slot].total.addingSaturating(max(event.count ?? 1, 1))
            tallies[slot].eventCount += 1
            if tallies[slot].evidence.count < 20 { tallies[slot].evidence.append(event.id) }
        }
        return tallies.map { entry in
            let code = entry.code
            let meaning = entry.meaning
            let isInstance = code == "INSTANCE_INTERRUPTED"
            return Finding(
                severity: isInstance ? .info : .warning, code: .gameLiftFleetHealth,
                title: "\(entry.total)× \(code) on ACTIVE fleet \(fleet.name)",
                location: [.resource(fleet.name), .phase("ACTIVE")],
                evidence: entry.evidence, error: code,
                explanation: "\(meaning) Counted \(Noun("time").counted(Int(entry.total))) in "
                    + "\(Noun("event").counted(entry.eventCount)) after the "
                    + "fleet became ACTIVE at \(active.time?.iso8601 ?? "an unknown time").",
                remedy: GameLiftRemedies.remedy(for: code))
        }
    }

    /// Failure events that are not the root cause and did not put a fleet in ERROR (a failed VPC peering on a
    /// running fleet, an earlier failed creation).
    private func otherFailureFindings(excluding evidence: Set<String>) -> [Finding] {
        let events = run.events
        return events.indices.compactMap { position in
            // The code first: most events are not failures, and an id is costlier to look up than a code.
            guard let entry = entries[position], entry.impact == .failure, entry.category != .fleetState,
                entry.category != .locationState, !evidence.contains(events[position].id)
            else { return nil }
            let event = events[position]
            return Finding(
                severity: .warning, code: .gameLiftFailureEvent,
                title: "\(event.code) on \(GameLiftFleetModel.fleetID(of: event))",
                location: [.resource(GameLiftFleetModel.fleetID(of: event))], evidence: [event.id], error: event.code,
                cause: event.message, explanation: entry.meaning, remedy: GameLiftRemedies.remedy(for: event.code))
        }
    }

    /// One finding per event code whose events carry log links: that a log exists (of its latest event), when
    /// its link expires, how to get a fresh one. A fleet that crashed thousands of times gets one finding, not
    /// thousands. The links' secrets never appear.
    private func logLinkFindings() -> [Finding] {
        var latest: [String: (event: LifecycleEvent, ids: [String], count: Int)] = [:]
        var order: [String] = []
        for event in run.events {
            guard let url = event.preSignedLogURL, !url.isEmpty else { continue }
            let key = "\(GameLiftFleetModel.fleetID(of: event))|\(event.code)"
            if latest[key] == nil { order.append(key) }
            var entry = latest[key] ?? (event, [], 0)
            entry.event = event
            entry.count += 1
            if entry.ids.count < 20 { entry.ids.append(event.id) }
            latest[key] = entry
        }
        return order.compactMap { key in
            guard let (event, ids, count) = latest[key], let url = event.preSignedLogURL else { return nil }
            let link = PresignedLogLink(url: url)
            let fleet = GameLiftFleetModel.fleetID(of: event)
            var expiry = "The link's expiry is not recorded in it."
            if let expires = link.expiresAt, let signed = link.signedAt, let lifetime = link.lifetimeSeconds {
                expiry =
                    "The link was signed at \(signed.iso8601) for \(lifetime) seconds, so it expired at "
                    + "\(expires.iso8601)."
            }
            var window = ""
            if let time = event.time {
                let from = Instant(millisecondsSinceEpoch: time.millisecondsSinceEpoch - 1000)
                let to = Instant(millisecondsSinceEpoch: time.millisecondsSinceEpoch + 1000)
                window = " --start-time \(from.iso8601) --end-time \(to.iso8601)"
            }
            return Finding(
                severity: .info, code: .gameLiftEventLog,
                title: count == 1
                    ? "A log exists for \(event.code) (event \(event.id))"
                    : "Logs exist for \(Noun("\(event.code) event").counted(count)) (latest: event \(event.id))",
                location: [.resource(fleet)], evidence: [event.id] + ids.filter { $0 != event.id }.prefix(19),
                error: event.code, cause: link.redactedURL,
                explanation: "GameLift stored a log of this step in S3 and recorded a pre-signed link to it. "
                    + expiry,
                remedy: "Fetch a fresh link (valid for 15 minutes) with `aws gamelift describe-fleet-events "
                    + "--fleet-id \(fleet)\(window)` and open its PreSignedLogUrl. For game session logs, which "
                    + "are kept for 14 days, use `aws gamelift get-game-session-log-url --game-session-id <id>`.")
        }
    }
}
