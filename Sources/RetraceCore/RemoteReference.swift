/// An AWS ARN or a URL given where a file was expected, and how to fetch what it names into a file.
///
/// A Standard execution's ARN is fetched live where an input is expected; any other ARN or URL, or an execution ARN
/// where a file must be given (`--definition`), gets the one command that saves what it names, not just "no such
/// file".
public struct RemoteReference: Sendable, Hashable {
    /// What was given.
    public var text: String
    /// How to fetch it, for people: one or more commands and a note.
    public var advice: String

    /// Recognises `text` as an ARN (`arn:PARTITION:SERVICE:…`) or a URL (`s3://`, `http://`, `https://`);
    /// `nil` for anything else.
    public init?(_ text: String) {
        self.text = text
        let lowered = text.lowercased()
        if lowered.hasPrefix("arn:") {
            advice = Self.advice(arn: text)
        } else if lowered.hasPrefix("s3://") {
            let name = text.split(separator: "/").last.map(String.init) ?? "history.json"
            advice =
                "it is an S3 URL, and retrace reads local files; copy it first:\n"
                + "  aws s3 cp '\(text)' '\(name)'\nthen give the file (or a folder of them)"
        } else if lowered.hasPrefix("https://") || lowered.hasPrefix("http://") {
            advice =
                "it is a URL, and retrace reads local files; download it first, e.g.:\n"
                + "  curl -fsSL -o history.json '\(text)'\nthen give the file"
        } else {
            return nil
        }
    }

    /// The fetch command for an ARN: a Step Functions execution's history, a state machine's definition, or the
    /// general rule for anything else.
    private static func advice(arn: String) -> String {
        // arn:partition:service:region:account:resource-type:…
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let service = parts.count > 2 ? parts[2] : ""
        let region = parts.count > 3 ? parts[3] : ""
        let resource = parts.count > 5 ? parts[5] : ""
        let regionFlag = region.isEmpty ? "" : " --region \(region)"
        if service == "cloudformation", resource.hasPrefix("stack/") {
            return "it is a CloudFormation stack ARN: give it as an input and retrace fetches its events (and its "
                + "nested stacks'), or keep them offline with:\n  retrace fetch\(regionFlag) --stack '\(arn)' -o "
                + "events.json"
        }
        if service == "gamelift", resource.hasPrefix("fleet/") {
            return "it is a GameLift fleet ARN: give it as an input and retrace fetches its events, or keep them "
                + "offline (with its event logs, whose links last 15 minutes) with:\n  retrace fetch\(regionFlag) "
                + "--fleet '\(arn)' -o events.json"
        }
        guard service == "states" else {
            return "it is an AWS ARN, and retrace reads local files: save the event log with the AWS CLI "
                + "(e.g. `aws gamelift describe-game-session-details` or `aws cloudformation describe-stack-events`) "
                + "and give that file"
        }
        switch resource {
        case "execution":
            return "it is a Step Functions execution ARN: give it as an input and retrace fetches it, or keep it "
                + "offline with:\n  retrace fetch\(regionFlag) '\(arn)' -o bundle.json\nor with the AWS CLI:\n"
                + "  aws stepfunctions get-execution-history\(regionFlag) --execution-arn '\(arn)' > history.json\n"
                + "(the AWS CLI follows nextToken itself and writes every page as one; pages saved one by one are "
                + "given together, in any order)"
        case "express":
            return "it is an Express execution ARN: Express workflows keep no execution history in Step Functions; "
                + "their events go to CloudWatch Logs when the state machine's logging level is ALL"
        case "stateMachine":
            return "it is a state machine ARN, and retrace reads local files; for its definition:\n"
                + "  aws stepfunctions describe-state-machine\(regionFlag) --state-machine-arn '\(arn)' "
                + "--query definition --output text > definition.asl.json\n"
                + "for one of its executions: aws stepfunctions list-executions\(regionFlag) --state-machine-arn "
                + "'\(arn)', then get-execution-history --execution-arn …"
        case "mapRun":
            return "it is a Map Run ARN, and retrace reads local files; list its child executions with\n"
                + "  aws stepfunctions list-executions\(regionFlag) --map-run-arn '\(arn)'\n"
                + "and save each one's history with aws stepfunctions get-execution-history --execution-arn …"
        default:
            return "it is a Step Functions ARN, and retrace reads local files: save an execution's history with\n"
                + "  aws stepfunctions get-execution-history\(regionFlag) --execution-arn EXECUTION_ARN > history.json"
        }
    }

    /// Whether `text` is a CloudFormation stack's ARN (`arn:PARTITION:cloudformation:REGION:ACCOUNT:stack/NAME/ID`),
    /// whose events `retrace` fetches where an input is expected.
    public static func isCloudFormationStack(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count >= 6 && parts[0] == "arn" && parts[2] == "cloudformation" && parts[5].hasPrefix("stack/")
    }

    /// A stack's name from its ARN (`…:stack/NAME/ID`), or `text` itself when it is a name.
    public static func stackName(_ text: String) -> String {
        guard isCloudFormationStack(text) else { return text }
        let resource = text.split(separator: ":", omittingEmptySubsequences: false)[5]
        let parts = resource.split(separator: "/")
        return parts.count > 1 ? String(parts[1]) : text
    }

    /// Whether `text` is a GameLift fleet's ARN (`arn:PARTITION:gamelift:REGION:ACCOUNT:fleet/FLEET_ID`).
    public static func isGameLiftFleet(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count >= 6 && parts[0] == "arn" && parts[2] == "gamelift" && parts[5].hasPrefix("fleet/")
    }

    /// A fleet's id from its ARN (`…:fleet/FLEET_ID`), or `text` itself when it is an id.
    public static func fleetID(_ text: String) -> String {
        guard isGameLiftFleet(text) else { return text }
        return String(text.split(separator: ":", omittingEmptySubsequences: false)[5].dropFirst("fleet/".count))
    }

    /// Whether `text` is a Standard execution's ARN (`arn:PARTITION:states:REGION:ACCOUNT:execution:…`), the
    /// one kind of ARN `retrace` fetches.
    public static func isStepFunctionsExecution(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count >= 8 && parts[0] == "arn" && parts[2] == "states" && parts[5] == "execution"
    }
}
