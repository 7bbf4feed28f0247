import Testing

@testable import RetraceCore

@Suite("ClosestMatch: did you mean")
struct ClosestMatchTests {
    @Test(arguments: [
        ("anaylze", "analyze"), ("analyse", "analyze"), ("Timeline", "timeline"), ("grpah", "graph"),
        ("taskfailed", "TaskFailed"), ("TaskFaild", "TaskFailed"), ("transform", "Transform"),
    ])
    func typosFindWhatWasMeant(typed: String, meant: String) {
        let names = ["analyze", "events", "graph", "timeline", "replay", "TaskFailed", "TaskSucceeded", "Transform"]
        #expect(ClosestMatch.best(for: typed, among: names) == meant)
    }

    @Test func farOffNamesSuggestNothing() {
        #expect(ClosestMatch.best(for: "frobnicate", among: ["analyze", "events", "graph"]) == nil)
        #expect(ClosestMatch.best(for: "Nope", among: ["Transform", "TransformRecords"]) == nil)
        #expect(ClosestMatch.best(for: "", among: ["a"]) == nil)
        #expect(ClosestMatch.best(for: "x", among: []) == nil)
    }

    @Test func aSwapOfNeighboursIsOneStep() {
        #expect(ClosestMatch.editDistance(Array("anaylze"), Array("analyze")) == 1)
        #expect(ClosestMatch.editDistance(Array("kitten"), Array("sitting")) == 3)
        #expect(ClosestMatch.editDistance(Array(""), Array("abc")) == 3)
    }
}

@Suite("RemoteReference: an ARN or URL where a file was expected")
struct RemoteReferenceTests {
    @Test func anExecutionARNGetsTheHistoryCommandInItsRegion() throws {
        let arn = "arn:aws:states:ap-northeast-1:123456789012:execution:Orders:abc"
        let reference = try #require(RemoteReference(arn))
        #expect(
            reference.advice.contains(
                "aws stepfunctions get-execution-history --region ap-northeast-1 --execution-arn '\(arn)' > history.json"
            ))
        #expect(InputError.remote(reference).description.hasPrefix("\(arn): not a file: "))
    }

    @Test func otherARNsAndURLs() throws {
        #expect(try #require(RemoteReference("arn:aws:states:us-east-1:1:express:M:e:f")).advice.contains("CloudWatch"))
        #expect(
            try #require(RemoteReference("arn:aws:states:us-east-1:1:mapRun:M/r:x")).advice.contains("--map-run-arn"))
        #expect(
            try #require(RemoteReference("arn:aws:cloudformation:us-east-1:1:stack/s/x")).advice.contains(
                "retrace fetch --region us-east-1 --stack 'arn:aws:cloudformation:us-east-1:1:stack/s/x'"))
        #expect(
            try #require(RemoteReference("arn:aws:gamelift:us-east-1:1:fleet/fleet-1a")).advice.contains(
                "retrace fetch --region us-east-1 --fleet 'arn:aws:gamelift:us-east-1:1:fleet/fleet-1a'"))
        #expect(RemoteReference.fleetID("arn:aws:gamelift:us-east-1:1:fleet/fleet-1a") == "fleet-1a")
        #expect(
            try #require(RemoteReference("arn:aws:lambda:us-east-1:1:function:f")).advice.contains(
                "describe-stack-events"))
        #expect(RemoteReference.isCloudFormationStack("arn:aws:cloudformation:us-east-1:1:stack/shop/0f2a"))
        #expect(!RemoteReference.isCloudFormationStack("arn:aws:cloudformation:us-east-1:1:changeSet/c/0f2a"))
        #expect(RemoteReference.stackName("arn:aws-cn:cloudformation:cn-north-1:1:stack/shop/0f2a") == "shop")
        #expect(RemoteReference.stackName("shop") == "shop")
        #expect(
            try #require(RemoteReference("S3://b/k/h.json")).advice.contains("aws s3 cp 'S3://b/k/h.json' 'h.json'"))
        #expect(try #require(RemoteReference("https://x.test/h.json")).advice.contains("curl"))
        #expect(RemoteReference("history.json") == nil)
        #expect(RemoteReference("./arn:aws:states:x") == nil)
    }

    @Test func aMissingFileNamedLikeAnARNIsRemoteAndAnyOtherIsUnreadable() {
        #expect(throws: InputError.self) { try InputBuffer.read(path: "arn:aws:states:eu-west-1:1:execution:M:e") }
        do {
            _ = try InputBuffer.read(path: "arn:aws:states:eu-west-1:1:execution:M:e")
        } catch {
            guard case .remote = error else {
                Issue.record("\(error)")
                return
            }
        }
        do {
            _ = try InputBuffer.read(path: "/no/such/history.json")
        } catch {
            guard case .unreadable = error else {
                Issue.record("\(error)")
                return
            }
        }
    }
}
