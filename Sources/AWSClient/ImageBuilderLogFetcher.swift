import Foundation
import RetraceCore

/// Reads the log EC2 Image Builder wrote while building a ParallelCluster image, from CloudWatch Logs: the newest
/// stream of `/aws/imagebuilder/ParallelClusterImage-IMAGE_ID`, every page, as an `ImageBuilderLog` member for the
/// image stack's events (`logGroupName`, `logStreamName`, and `events` of `timestamp` and `message` as
/// `GetLogEvents` gives them), which the analysis reads to continue a failed build into the step that failed.
public struct ImageBuilderLogFetcher: Sendable {
    /// The CloudWatch Logs client.
    public var client: AWSJSONClient
    /// Pages read at most: CloudWatch Logs signals the end by repeating its token, and this bounds a service that
    /// would not.
    public var maximumPages = 10_000

    /// Creates a fetcher.
    public init(client: AWSJSONClient) {
        self.client = client
    }

    /// The log group Image Builder writes a ParallelCluster image's build to.
    public static func group(forImage imageID: String) -> String {
        "/aws/imagebuilder/ParallelClusterImage-\(imageID)"
    }

    /// The build log of ParallelCluster image `imageID`; `nil` when the image has no log group or no stream (the
    /// build never started, or the group has expired).
    public func log(ofImage imageID: String) async throws -> JSONValue? {
        let group = Self.group(forImage: imageID)
        let streams: JSONValue
        do {
            streams = try await client.call(
                "DescribeLogStreams",
                .object(
                    JSONObject([
                        ("logGroupName", .string(group)), ("orderBy", .string("LastEventTime")),
                        ("descending", .bool(true)), ("limit", .integer(1)),
                    ])), resource: group)
        } catch AWSError.service(let error) where error.code == "ResourceNotFoundException" {
            return nil
        }
        guard let stream = streams["logStreams"]?.arrayValue?.first?["logStreamName"]?.stringValue else { return nil }
        var events: [JSONValue] = []
        var token: String?
        for _ in 0..<maximumPages {
            var request: [(String, JSONValue)] = [
                ("logGroupName", .string(group)), ("logStreamName", .string(stream)), ("startFromHead", .bool(true)),
            ]
            if let token { request.append(("nextToken", .string(token))) }
            let page = try await client.call("GetLogEvents", .object(JSONObject(request)), resource: group)
            let pageEvents = page["events"]?.arrayValue ?? []
            for event in pageEvents {
                events.append(
                    .object(
                        JSONObject([
                            ("timestamp", event["timestamp"] ?? .null), ("message", event["message"] ?? .string("")),
                        ])))
            }
            let next = page["nextForwardToken"]?.stringValue
            if next == nil || next == token || pageEvents.isEmpty { break }
            token = next
        }
        return .object(
            JSONObject([
                ("logGroupName", .string(group)), ("logStreamName", .string(stream)), ("events", .array(events)),
            ]))
    }
}
