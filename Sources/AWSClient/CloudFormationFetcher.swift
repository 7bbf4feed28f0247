import Foundation
import RetraceCore

/// Fetches a CloudFormation stack's events, and those of every stack nested in it, as one log in the shape of
/// `aws cloudformation describe-stack-events` output (`{"StackEvents": [...]}`, each stack's events newest first, as
/// AWS sends them), which every command reads as a deployment log.
///
/// Nested stacks are found the way the console finds them: an event of an `AWS::CloudFormation::Stack` resource
/// whose physical id is another stack's ARN. They are fetched by that ARN, so a nested stack that a rollback has
/// since deleted is still read.
public struct CloudFormationFetcher: Sendable {
    /// The CloudFormation client.
    public var client: AWSQueryClient
    /// Whether nested stacks are fetched with their parent.
    public var followsNestedStacks: Bool
    /// Stacks read at most, the asked-for one included: a bound on a template that nests without end.
    public var maximumStacks = 500

    /// Creates a fetcher.
    public init(client: AWSQueryClient, followsNestedStacks: Bool = true) {
        self.client = client
        self.followsNestedStacks = followsNestedStacks
    }

    /// The log of `stack` (its name, or its ARN, which a deleted stack needs).
    public func log(of stack: String, progress: (@Sendable (FetchProgress) -> Void)? = nil) async throws
        -> JSONValue
    {
        let tally = ProgressTally(report: progress)
        var queue = [stack]
        var read: Set<String> = []
        var events: [JSONValue] = []
        while !queue.isEmpty, read.count < maximumStacks {
            let next = queue.removeFirst()
            guard read.insert(next).inserted else { continue }
            let stackEvents = try await self.events(of: next, tally: tally)
            if next != stack { tally.add(children: 1) }
            // The stack's own ARN, so that reaching it again under its ARN after its name is not a second read.
            if let own = stackEvents.first?["StackId"]?.stringValue { read.insert(own) }
            events += stackEvents
            guard followsNestedStacks else { continue }
            for nested in Self.nestedStacks(in: stackEvents) where !read.contains(nested) && !queue.contains(nested) {
                queue.append(nested)
            }
        }
        return .object(JSONObject([("StackEvents", .array(events))]))
    }

    /// Every event of one stack, following `NextToken`.
    private func events(of stack: String, tally: ProgressTally) async throws -> [JSONValue] {
        var events: [JSONValue] = []
        var token: String?
        repeat {
            var parameters = [("StackName", stack)]
            if let token { parameters.append(("NextToken", token)) }
            let result = try await client.call("DescribeStackEvents", parameters, resource: stack)
            let members = result.child("StackEvents")?.children.filter { $0.name == "member" } ?? []
            events += members.map(Self.json(of:))
            tally.add(pages: 1, events: members.count)
            token = result.value("NextToken").flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return events
    }

    /// The ARNs of the stacks nested in a stack, in the order its events first name them. A stack's events about
    /// itself (logical id = stack name) are not a nested stack, even where a copied log gives them another ARN.
    static func nestedStacks(in events: [JSONValue]) -> [String] {
        var found: [String] = []
        for event in events {
            guard event["ResourceType"]?.stringValue == "AWS::CloudFormation::Stack",
                let physical = event["PhysicalResourceId"]?.stringValue, physical.hasPrefix("arn:"),
                physical != event["StackId"]?.stringValue,
                event["LogicalResourceId"]?.stringValue != event["StackName"]?.stringValue, !found.contains(physical)
            else { continue }
            found.append(physical)
        }
        return found
    }

    /// An XML element as the AWS CLI prints it in JSON: text as a string, a list of `member`s as an array, other
    /// elements as an object of their children, in order.
    static func json(of element: XMLTree) -> JSONValue {
        if element.children.isEmpty { return .string(element.text) }
        if element.children.allSatisfy({ $0.name == "member" }) { return .array(element.children.map(json(of:))) }
        return .object(JSONObject(element.children.map { ($0.name, json(of: $0)) }))
    }
}
