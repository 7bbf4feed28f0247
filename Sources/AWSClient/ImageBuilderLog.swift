import Foundation
import RetraceCore

/// The log EC2 Image Builder wrote while building a ParallelCluster image, from CloudWatch Logs
/// (`/aws/imagebuilder/ParallelClusterImage-IMAGE_ID`, the build's newest stream), and the part of it that
/// explains a failed build.
public struct ImageBuilderLog: Sendable, Hashable {
    /// One log line.
    public struct Line: Sendable, Hashable {
        /// When CloudWatch Logs recorded it.
        public var time: Instant?
        /// The text.
        public var message: String
    }

    /// The log group read.
    public var group: String
    /// The stream read (the image version and build number, `3.1.2/1`).
    public var stream: String
    /// Every line, oldest first.
    public var lines: [Line]

    /// The log group Image Builder writes a ParallelCluster image's build to.
    public static func group(forImage imageID: String) -> String {
        "/aws/imagebuilder/ParallelClusterImage-\(imageID)"
    }

    /// The last line that reports a failure: the last one saying "fail" or "error" (any case). Image Builder's
    /// component runner ends a failed build with such lines after the failing step's output.
    public var failureIndex: Int? {
        lines.lastIndex { line in
            let lower = line.message.lowercased()
            return lower.contains("fail") || lower.contains("error")
        }
    }

    /// The component that was running at `index`: the name in the nearest earlier `…:component/NAME/…` ARN, which
    /// the runner prints as it starts each component's document.
    public func component(at index: Int) -> String? {
        for line in lines[...index].reversed() {
            guard let range = line.message.range(of: ":component/") else { continue }
            let name = line.message[range.upperBound...].prefix { $0 != "/" && !$0.isWhitespace }
            if !name.isEmpty { return String(name) }
        }
        return nil
    }

    /// Up to `count` lines ending at the failure, or `nil` when no line reports one.
    public func failureExcerpt(count: Int = 100) -> (component: String?, lines: ArraySlice<Line>)? {
        guard let end = failureIndex else { return nil }
        return (component(at: end), lines[max(0, end - count + 1)...end])
    }

    /// The log as text, one `TIME MESSAGE` line per event, for a file beside the fetched stack events.
    public var text: String {
        lines.map { ($0.time?.iso8601 ?? "-") + " " + $0.message.trimmingCharacters(in: .newlines) }
            .joined(separator: "\n") + "\n"
    }
}

/// Reads an image build's log from CloudWatch Logs: the newest stream of the image's group, every page.
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

    /// The build log of ParallelCluster image `imageID`; `nil` when the image has no log group or no stream (the
    /// build never started, or the group has expired).
    public func log(ofImage imageID: String) async throws -> ImageBuilderLog? {
        let group = ImageBuilderLog.group(forImage: imageID)
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
        var lines: [ImageBuilderLog.Line] = []
        var token: String?
        for _ in 0..<maximumPages {
            var request: [(String, JSONValue)] = [
                ("logGroupName", .string(group)), ("logStreamName", .string(stream)), ("startFromHead", .bool(true)),
            ]
            if let token { request.append(("nextToken", .string(token))) }
            let page = try await client.call("GetLogEvents", .object(JSONObject(request)), resource: group)
            for event in page["events"]?.arrayValue ?? [] {
                let time: Instant?
                if case .integer(let milliseconds)? = event["timestamp"] {
                    time = Instant(millisecondsSinceEpoch: milliseconds)
                } else {
                    time = nil
                }
                lines.append(ImageBuilderLog.Line(time: time, message: event["message"]?.stringValue ?? ""))
            }
            let next = page["nextForwardToken"]?.stringValue
            if next == nil || next == token || page["events"]?.arrayValue?.isEmpty != false { break }
            token = next
        }
        return ImageBuilderLog(group: group, stream: stream, lines: lines)
    }
}
