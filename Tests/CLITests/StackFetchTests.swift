import Foundation
import RetraceTestSupport
import Testing

/// `retrace fetch --stack` and stack ARNs as inputs, against a CloudFormation query-API stub that checks each
/// request's SigV4 signature with botocore, pages by two events and throttles every third call. moto cannot serve
/// these: it records a stack's own events only, never its resources', so a nested stack could not be found.
@Suite(
    "Live fetch: CloudFormation stacks and their nested stacks",
    .enabled(if: PythonProcess.canImport("botocore"), "botocore is not installed"))
struct StackFetchTests {
    static let secret = "stub-secret-\(UUID().uuidString)"
    static let parentArn = "arn:aws:cloudformation:eu-west-1:123456789012:stack/shop/11111111-aaaa"
    static let childArn = "arn:aws:cloudformation:eu-west-1:123456789012:stack/shop-Network-1XQ/22222222-bbbb"

    /// One event as DescribeStackEvents gives it (the CLI's JSON names).
    static func event(
        _ stack: (name: String, arn: String), _ id: Int, _ logical: String, _ type: String, _ status: String,
        _ second: Int, physical: String? = nil, reason: String? = nil
    ) -> [String: String] {
        var event = [
            "StackId": stack.arn, "EventId": "\(stack.name)-\(id)", "StackName": stack.name,
            "LogicalResourceId": logical, "ResourceType": type, "ResourceStatus": status,
            "Timestamp": String(format: "2026-11-30T09:%02d:%02d.%03dZ", second / 60, second % 60, id),
        ]
        event["PhysicalResourceId"] = physical ?? (type == "AWS::CloudFormation::Stack" ? stack.arn : "")
        if let reason { event["ResourceStatusReason"] = reason }
        return event
    }

    /// A stack `shop` whose nested stack `Network` failed to create because its subnet's CIDR was refused; both
    /// rolled back. Newest first, as the API answers.
    static func stacks() -> [String: [String: [[String: String]]]] {
        let parent = (name: "shop", arn: parentArn)
        let child = (name: "shop-Network-1XQ", arn: childArn)
        let nested = "AWS::CloudFormation::Stack"
        let reason =
            "Value (10.0.300.0/24) for parameter cidrBlock is invalid. This is not a valid CIDR block. "
            + "(Service: Ec2, Status Code: 400, Request ID: 5f7a)"
        let parentEvents = [
            event(parent, 1, "shop", nested, "CREATE_IN_PROGRESS", 0, reason: "User Initiated"),
            event(parent, 2, "Network", nested, "CREATE_IN_PROGRESS", 2, physical: ""),
            event(
                parent, 3, "Network", nested, "CREATE_IN_PROGRESS", 3, physical: childArn,
                reason: "Resource creation Initiated"),
            event(
                parent, 4, "Network", nested, "CREATE_FAILED", 40, physical: childArn,
                reason: "Embedded stack \(childArn) was not successfully created: The following resource(s) "
                    + "failed to create: [Subnet]. "),
            event(
                parent, 5, "shop", nested, "ROLLBACK_IN_PROGRESS", 41,
                reason: "The following resource(s) failed to create: [Network]. Rollback requested by user."),
            event(parent, 6, "Network", nested, "DELETE_IN_PROGRESS", 42, physical: childArn),
            event(parent, 7, "Network", nested, "DELETE_COMPLETE", 70, physical: childArn),
            event(parent, 8, "shop", nested, "ROLLBACK_COMPLETE", 71),
        ]
        let childEvents = [
            event(child, 1, "shop-Network-1XQ", nested, "CREATE_IN_PROGRESS", 4, reason: "User Initiated"),
            event(child, 2, "Subnet", "AWS::EC2::Subnet", "CREATE_IN_PROGRESS", 6),
            event(child, 3, "Subnet", "AWS::EC2::Subnet", "CREATE_FAILED", 8, reason: reason),
            event(
                child, 4, "shop-Network-1XQ", nested, "CREATE_FAILED", 9,
                reason: "The following resource(s) failed to create: [Subnet]. "),
            event(child, 5, "shop-Network-1XQ", nested, "DELETE_IN_PROGRESS", 43),
            event(child, 6, "shop-Network-1XQ", nested, "DELETE_COMPLETE", 69),
        ]
        return [
            "shop": ["StackEvents": parentEvents.reversed()], "network": ["StackEvents": childEvents.reversed()],
        ]
    }

    /// The stub serving `stacks()`, and a function that stops it.
    static func stub() throws -> (endpoint: String, stop: () -> Void) {
        let data = try JSONSerialization.data(withJSONObject: stacks())
        let path = try RetraceCommand.temporaryFile(String(decoding: data, as: UTF8.self), name: "stacks.json")
        let server = try PythonProcess.Server([PythonProcess.stub("cloudformation_stub.py"), path, "2", secret, "3"])
        return (server.endpoint, server.stop)
    }

    static let environment = ["AWS_ACCESS_KEY_ID": "AKIDSTUB", "AWS_SECRET_ACCESS_KEY": secret]

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func aStackIsFetchedWithItsNestedStackInPagesThroughThrottling() throws {
        let (endpoint, stop) = try Self.stub()
        defer { stop() }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stack-\(UUID()).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fetched = try RetraceCommand.run(
            ["fetch", "--stack", "shop", "--region", "eu-west-1", "--endpoint-url", endpoint, "-o", path],
            environment: Self.environment)
        #expect(fetched.status == 0, "\(fetched.stderr)")
        let document = try Self.json(String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self))
        let events = try #require(document["StackEvents"] as? [[String: String]])
        // Every event of both stacks, each field as the API gave it: the parent's, then its nested stack's.
        let stacks = Self.stacks()
        #expect(events == (stacks["shop"]?["StackEvents"] ?? []) + (stacks["network"]?["StackEvents"] ?? []))

        // The file is a deployment log like any other: the root cause is the nested stack's subnet.
        let analysed = try RetraceCommand.run(["analyze", "--format", "json", path])
        #expect(analysed.status == 0, "\(analysed.stderr)")
        let root = try #require(
            (try Self.json(analysed.stdout)["diagnosis"] as? [String: Any])?["rootCause"] as? [String: Any])
        #expect((root["path"] as? String)?.hasSuffix("Subnet") == true, "\(root)")
        #expect((root["cause"] as? String)?.contains("10.0.300.0/24") == true, "\(root)")
    }

    @Test func aStackARNIsAnInputLikeAFile() throws {
        let (endpoint, stop) = try Self.stub()
        defer { stop() }
        let live = try RetraceCommand.run(
            ["analyze", "--endpoint-url", endpoint, Self.parentArn], environment: Self.environment)
        #expect(live.status == 0, "\(live.stderr)")
        #expect(live.stdout.contains("Subnet"))
        #expect(live.stdout.contains("10.0.300.0/24"))
    }

    @Test func anUnknownStackIsSaidWithHowToFindADeletedOne() throws {
        let (endpoint, stop) = try Self.stub()
        defer { stop() }
        let result = try RetraceCommand.run(
            ["fetch", "--stack", "gone", "--region", "eu-west-1", "--endpoint-url", endpoint, "-o", "-"],
            environment: Self.environment)
        #expect(result.status == 2)
        #expect(result.stderr.contains("gone does not exist in eu-west-1"), "\(result.stderr)")
        #expect(result.stderr.contains("stack ID"))
        #expect(result.stdout.isEmpty)
    }

    @Test func aWrongSecretIsRefusedAndNeverPrinted() throws {
        let (endpoint, stop) = try Self.stub()
        defer { stop() }
        let result = try RetraceCommand.run(
            ["fetch", "--stack", "shop", "--region", "eu-west-1", "--endpoint-url", endpoint, "-o", "-"],
            environment: ["AWS_ACCESS_KEY_ID": "AKIDSTUB", "AWS_SECRET_ACCESS_KEY": "not-the-secret"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("cloudformation:DescribeStackEvents"), "\(result.stderr)")
        #expect(result.stderr.contains("signature"))
        #expect(!result.stderr.contains("not-the-secret"))
    }

    @Test func fetchWithNothingToFetchIsAUsageError() throws {
        let result = try RetraceCommand.run(["fetch", "-o", "-"])
        #expect(result.status == 64 || result.status == 2)
        #expect(
            result.stderr.contains("give an execution ARN, --stack NAME, --fleet ID, --image ID"), "\(result.stderr)")
    }
}
