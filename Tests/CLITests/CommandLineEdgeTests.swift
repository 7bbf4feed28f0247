import Foundation
import RetraceTestSupport
import Testing

/// The command line's rough edges (issue 16): mistakes get an answer that says what to type instead.
@Suite("retrace at its edges: typos, wrong values, empty filters, ARNs and URLs")
struct CommandLineEdgeTests {
    @Test func aMistypedCommandGetsTheClosestOne() throws {
        let result = try RetraceCommand.run(["anaylze", RetraceCommand.sample("map-failure.json")])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("retrace: 'anaylze' is not a retrace command; did you mean 'analyze'?\n"))
        #expect(result.stderr.contains("analyze, events, graph, timeline, replay"))
        let capitalised = try RetraceCommand.run(["Timeline", RetraceCommand.sample("map-failure.json")])
        #expect(capitalised.stderr.contains("did you mean 'timeline'?"))
        let unrelated = try RetraceCommand.run(["frobnicate"])
        #expect(unrelated.status == 2)
        #expect(!unrelated.stderr.contains("did you mean"))
        #expect(unrelated.stderr.contains("'frobnicate' is not a retrace command"))
    }

    @Test func theRealCommandsAndHelpStillWork() throws {
        #expect(try RetraceCommand.run(["help", "graph"]).stdout.contains("USAGE: retrace graph"))
        #expect(try RetraceCommand.run(["--version"]).status == 0)
        #expect(try RetraceCommand.run(["events", RetraceCommand.sample("map-failure.json")]).status == 0)
    }

    @Test(arguments: ["-1", "0", "-0.5", "inf"])
    func aSpeedThatIsNotPositiveNamesTheFlagAndTheRange(value: String) throws {
        let result = try RetraceCommand.run(["replay", "--speed", value, RetraceCommand.sample("map-failure.json")])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--speed must be a positive number"))
        #expect(result.stderr.contains("got \(value == "inf" ? "inf" : value)"))
        #expect(!result.stderr.contains("Missing value"))
    }

    @Test(arguments: ["-5", "0", "39", "401"])
    func aWidthOutOfRangeNamesTheFlagAndTheRange(value: String) throws {
        let result = try RetraceCommand.run(["analyze", "--width", value, RetraceCommand.sample("map-failure.json")])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--width must be between 40 and 400 columns, got \(value)"))
    }

    @Test func aSpeedThatIsNotANumberNamesTheFlag() throws {
        let result = try RetraceCommand.run(["replay", "--speed", "fast", RetraceCommand.sample("map-failure.json")])
        #expect(result.status == 2)
        #expect(result.stderr.contains("The value 'fast' is invalid for '--speed <speed>'"))
        #expect(result.stderr.contains("a positive number"))
    }

    @Test func anEventIDThatIsNotThereSaysWhichAreThere() throws {
        let result = try RetraceCommand.run(["replay", "--at", "-3", RetraceCommand.sample("order-success.json")])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--at -3: there is no event #-3 in the history (its events: #1 to #"))
    }

    @Test func anUnknownEventTypeListsThosePresentAndTheClosest() throws {
        let result = try RetraceCommand.run([
            "events", "--type", "taskfailed", RetraceCommand.sample("map-failure.json"),
        ])
        #expect(result.status == 0, "an empty result is still a result, as before")
        #expect(result.stdout == "No event matches.\n")
        #expect(result.stderr.contains("retrace: no event has the type 'taskfailed'; did you mean 'TaskFailed'?"))
        #expect(result.stderr.contains("The types present: ExecutionFailed, ExecutionStarted, "))
        #expect(result.stderr.contains("TaskStateEntered"))
    }

    @Test func anUnknownStateListsThosePresent() throws {
        let result = try RetraceCommand.run(["events", "--state", "Nope", RetraceCommand.sample("map-failure.json")])
        #expect(result.status == 0)
        #expect(result.stderr == "retrace: no state is named 'Nope'; the states present: Transform, TransformRecords\n")
        let close = try RetraceCommand.run([
            "events", "--state", "transform", RetraceCommand.sample("map-failure.json"),
        ])
        #expect(close.stderr.contains("did you mean 'Transform'?"))
    }

    @Test func filtersThatMatchApartButNotTogetherSaySo() throws {
        let result = try RetraceCommand.run([
            "events", "--type", "ExecutionStarted", "--state", "Transform", RetraceCommand.sample("map-failure.json"),
        ])
        #expect(result.status == 0)
        #expect(result.stderr == "retrace: no event of type 'ExecutionStarted' at or under the state 'Transform'\n")
    }

    @Test func aMatchSaysNothingOnStandardError() throws {
        let result = try RetraceCommand.run([
            "events", "--type", "TaskFailed", RetraceCommand.sample("map-failure.json"),
        ])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
    }

    @Test func anExecutionARNIsFetchedAndMissingCredentialsAreSaid() throws {
        let arn = "arn:aws:states:eu-west-1:123456789012:execution:Orders:run-42"
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("retrace-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let result = try RetraceCommand.run(
            ["analyze", arn],
            environment: [
                "HOME": home.path, "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_PROFILE": "",
                "AWS_SHARED_CREDENTIALS_FILE": "", "AWS_CONFIG_FILE": "", "AWS_EC2_METADATA_DISABLED": "true",
            ])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("retrace: no AWS credentials found; tried the environment"))
        #expect(result.stderr.contains("--profile"))
        #expect(result.stdout.isEmpty)
    }

    @Test func anExecutionARNWhereAFileMustBeSaysHowToFetchIt() throws {
        let arn = "arn:aws:states:eu-west-1:123456789012:execution:Orders:run-42"
        let result = try RetraceCommand.run(["graph", RetraceCommand.sample("map-failure.json"), "--definition", arn])
        #expect(result.status == 2)
        #expect(result.stderr.contains("retrace fetch --region eu-west-1 '\(arn)' -o bundle.json"))
        #expect(
            result.stderr.contains(
                "aws stepfunctions get-execution-history --region eu-west-1 --execution-arn '\(arn)' > history.json"))
    }

    @Test func aStateMachineARNAsADefinitionSaysHowToFetchIt() throws {
        let arn = "arn:aws:states:us-east-1:123456789012:stateMachine:Orders"
        let result = try RetraceCommand.run(["graph", RetraceCommand.sample("map-failure.json"), "--definition", arn])
        #expect(result.status == 2)
        #expect(result.stderr.contains("aws stepfunctions describe-state-machine --region us-east-1"))
    }

    @Test func urlsSayHowToDownload() throws {
        let s3 = try RetraceCommand.run(["timeline", "s3://logs-bucket/runs/history.json"])
        #expect(s3.status == 2)
        #expect(s3.stderr.contains("aws s3 cp 's3://logs-bucket/runs/history.json' 'history.json'"))
        let https = try RetraceCommand.run(["events", "https://example.com/history.json"])
        #expect(https.status == 2)
        #expect(https.stderr.contains("it is a URL, and retrace reads local files"))
    }

    @Test func aFileNamedLikeAnARNIsStillRead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("retrace-arn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: PackagePaths.root.appendingPathComponent(RetraceCommand.sample("order-success.json")).path,
            toPath: folder.appendingPathComponent("arn:aws:states:x").path)
        let result = try RetraceCommand.run(["analyze", "arn:aws:states:x"], workingDirectory: folder)
        #expect(result.status == 0, "\(result.stderr)")
    }

    /// A value of the wrong type is reported where it stands (line and column of the value), whichever field.
    @Test(arguments: [
        (
            #""id": "7", "previousEventId": 1, "type": "PassStateEntered""#, 10,
            "an integer event id at events[1].id, found a string"
        ),
        (
            #""id": true, "previousEventId": 1, "type": "PassStateEntered""#, 10,
            "an integer event id at events[1].id, found a boolean"
        ),
        (
            #""id": 2, "previousEventId": "1", "type": "PassStateEntered""#, 32,
            "an integer event id at events[1].previousEventId, found a string"
        ),
        (#""id": 2, "previousEventId": 1, "type": 5"#, 43, "an event type name at events[1].type, found an integer"),
        (
            #""id": 18446744073709551615, "previousEventId": 1, "type": "PassStateEntered""#, 10,
            "an integer event id at events[1].id, found 18446744073709551615, larger than a 64-bit integer"
        ),
        (
            #""id": 2, "previousEventId": 1, "type": "TaskScheduled", "taskScheduledEventDetails": {"timeoutInSeconds": [60]}"#,
            110, "an integer at events[1].taskScheduledEventDetails.timeoutInSeconds, found an array"
        ),
    ])
    func aValueOfTheWrongTypeIsReportedWhereItStands(fields: String, column: Int, message: String) throws {
        let input = try RetraceCommand.temporaryFile(
            """
            {"events": [
              {"id": 1, "previousEventId": 0, "type": "ExecutionStarted", "timestamp": "2026-01-01T00:00:00Z"},
              {\(fields), "timestamp": "2026-01-01T00:00:01Z"}
            ]}
            """)
        let result = try RetraceCommand.run(["analyze", input])
        #expect(result.status == 2)
        #expect(result.stderr == "retrace: \(input):3:\(column): expected \(message)\n")
    }
}
