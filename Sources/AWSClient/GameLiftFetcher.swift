import Foundation
import RetraceCore

/// Fetches a GameLift fleet's events as one log in the shape of `aws gamelift describe-fleet-events` output
/// (`{"Events": [...]}`, newest first, every page), with the fleet's `DescribeFleetAttributes` entry beside them
/// (`FleetAttributes`), which every command reads as a deployment log.
public struct GameLiftFetcher: Sendable {
    /// The GameLift client.
    public var client: AWSJSONClient
    /// Events asked for per page (the API allows 100 at most).
    public var pageSize = 100

    /// Creates a fetcher.
    public init(client: AWSJSONClient) {
        self.client = client
    }

    /// The log of fleet `fleetID` (a fleet id or ARN).
    public func log(of fleetID: String, progress: (@Sendable (FetchProgress) -> Void)? = nil) async throws
        -> JSONValue
    {
        let tally = ProgressTally(report: progress)
        async let attributes = client.call(
            "DescribeFleetAttributes", .object(JSONObject([("FleetIds", .array([.string(fleetID)]))])),
            resource: fleetID)
        var events: [JSONValue] = []
        var token: String?
        repeat {
            var request: [(String, JSONValue)] = [("FleetId", .string(fleetID)), ("Limit", .integer(Int64(pageSize)))]
            if let token { request.append(("NextToken", .string(token))) }
            let page = try await client.call("DescribeFleetEvents", .object(JSONObject(request)), resource: fleetID)
            let pageEvents = page["Events"]?.arrayValue ?? []
            events += pageEvents
            tally.add(pages: 1, events: pageEvents.count)
            token = page["NextToken"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        let fleets = try await attributes["FleetAttributes"] ?? .array([])
        return .object(JSONObject([("Events", .array(events)), ("FleetAttributes", fleets)]))
    }

    /// The fleet's game sessions that ended badly (`ERROR`, or `TERMINATED` for a reason other than a normal end:
    /// interrupted, or ended with its server process), newest first, at most `limit`, each with the link to its
    /// log archive (`GetGameSessionLogUrl`; GameLift keeps these logs 14 days, the link lasts 15 minutes).
    public func failedGameSessionLogs(of fleetID: String, limit: Int = 50) async throws -> [LogLink] {
        var sessions: [JSONValue] = []
        var token: String?
        repeat {
            var request: [(String, JSONValue)] = [("FleetId", .string(fleetID)), ("Limit", .integer(100))]
            if let token { request.append(("NextToken", .string(token))) }
            let page = try await client.call("DescribeGameSessions", .object(JSONObject(request)), resource: fleetID)
            sessions += (page["GameSessions"]?.arrayValue ?? []).filter(Self.endedBadly)
            token = page["NextToken"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil && sessions.count < limit
        var links: [LogLink] = []
        for session in sessions.prefix(limit) {
            guard let id = session["GameSessionId"]?.stringValue else { continue }
            let answer = try await client.call(
                "GetGameSessionLogUrl", .object(JSONObject([("GameSessionId", .string(id))])), resource: id)
            guard let text = answer["PreSignedUrl"]?.stringValue, let url = URL(string: text) else { continue }
            let status = [session["Status"]?.stringValue, session["StatusReason"]?.stringValue]
                .compactMap { $0 }.joined(separator: " ")
            var link = LogLink(id: id, subject: "game session \(status)", isEventLog: false, url: url)
            link.ending = (session["Status"]?.stringValue ?? "", session["StatusReason"]?.stringValue)
            links.append(link)
        }
        return links
    }

    /// Whether a game session ended in error or was cut short.
    static func endedBadly(_ session: JSONValue) -> Bool {
        switch session["Status"]?.stringValue {
        case "ERROR": return true
        case "TERMINATED":
            let reason = session["StatusReason"]?.stringValue
            return reason == "INTERRUPTED" || reason == "TRIGGERED_ON_PROCESS_TERMINATE"
        default: return false
        }
    }

    /// The events of `log` that carry a `PreSignedLogUrl`, with the link: each is valid for 15 minutes after
    /// the fetch, so whoever keeps the log should download them now.
    public static func logLinks(in log: JSONValue) -> [LogLink] {
        (log["Events"]?.arrayValue ?? []).compactMap { event in
            guard let text = event["PreSignedLogUrl"]?.stringValue, let url = URL(string: text),
                url.scheme == "https" || url.scheme == "http"
            else { return nil }
            return LogLink(
                id: event["EventId"]?.stringValue ?? "event", subject: event["EventCode"]?.stringValue ?? "",
                isEventLog: true, url: url)
        }
    }
}
