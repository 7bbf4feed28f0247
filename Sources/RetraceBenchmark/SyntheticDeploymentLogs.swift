import Foundation

/// Deployment logs of a million events, written as the services' APIs write them (deterministic): what a long-lived
/// GameLift fleet, a CloudFormation stack updated for years or a ModelArts service that was redeployed for months
/// produces, and the size at which a per-event cost that is not constant shows.
enum SyntheticDeploymentLogs {
    /// A GameLift `DescribeFleetEvents` response, newest first: the fleet comes up, then crashes, scaling and
    /// health events for the rest; one event in fifty carries a pre-signed log link.
    static func gameLift(events count: Int) -> String {
        let fleet = "fleet-7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f"
        var lines: [String] = []
        lines.reserveCapacity(count)
        let start = 1_767_225_600.0
        let opening = [
            ("FLEET_CREATED", "Fleet \(fleet) created"),
            ("FLEET_STATE_DOWNLOADING", "Fleet \(fleet) changed state to DOWNLOADING"),
            ("FLEET_STATE_VALIDATING", "Fleet \(fleet) changed state to VALIDATING"),
            ("FLEET_STATE_BUILDING", "Fleet \(fleet) changed state to BUILDING"),
            ("FLEET_STATE_ACTIVATING", "Fleet \(fleet) changed state to ACTIVATING"),
            ("FLEET_STATE_ACTIVE", "Fleet \(fleet) changed state to ACTIVE"),
        ]
        let running = [
            ("SERVER_PROCESS_CRASHED", "Server process exited with an error: exit code 139 (segmentation fault)"),
            ("FLEET_SCALING_EVENT", "Fleet scaling event: desired instances changed from 8 to 9"),
            (
                "SERVER_PROCESS_TERMINATED_UNHEALTHY",
                "Server process stopped answering health checks and was terminated"
            ),
            ("GAME_SESSION_ACTIVATION_TIMEOUT", "Game session did not activate within 600 seconds"),
            ("INSTANCE_INTERRUPTED", "Spot instance i-0a1b2c3d4e5f60718 was interrupted"),
        ]
        for index in 0..<count {
            let (code, message) = index < opening.count ? opening[index] : running[index % running.count]
            let time = start + Double(index) * 1.5
            var event =
                "{\"EventId\": \"\(uuid(index))\", \"ResourceId\": \"\(fleet)\", \"EventCode\": \"\(code)\", "
                + "\"Message\": \"\(message)\", \"EventTime\": \(String(format: "%.3f", time))"
            if index % 50 == 7 {
                event +=
                    ", \"PreSignedLogUrl\": \"https://gamelift-event-logs.s3.us-west-2.amazonaws.com/\(fleet)/"
                    + "\(uuid(index)).zip?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20260101T000000Z&"
                    + "X-Amz-Expires=900&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20260101%2Fus-west-2%2Fs3%2F"
                    + "aws4_request&X-Amz-Signature=\(String(repeating: "ab", count: 32))\""
            }
            lines.append(event + "}")
        }
        return "{\"Events\": [\n" + lines.reversed().joined(separator: ",\n") + "\n]}\n"
    }

    /// A ModelArts service-events response, oldest first: a service deployed ten times over months, each
    /// deployment walking its phases to running and then reporting while it runs; every third deployment waits
    /// for resources first, reporting "Insufficient resources" every few seconds for hours.
    static func modelArts(events count: Int) -> String {
        let phases = [
            ("normal", "start to deploy service"),
            ("normal", "building image for model [resnet 1.0.3]"),
            ("normal", "image of model [resnet 1.0.3] built successfully"),
            ("normal", "preparing environment for service"),
            ("normal", "environment prepared successfully"),
        ]
        let started = [
            ("normal", "schedule resource success"),
            ("normal", "[resnet 1.0.3] pulling model image"),
            ("normal", "[resnet 1.0.3] pull image success"),
            ("normal", "[resnet 1.0.3] model is starting"),
            ("normal", "[resnet 1.0.3] model started successfully, health check passed"),
            ("normal", "service is running"),
        ]
        let waiting = ("abnormal", "Insufficient resources. Wait until idle resources are sufficient.")
        let runningTexts = [
            ("normal", "service is running"),
            ("normal", "[resnet 1.0.3] 1200 requests in the last minute"),
        ]
        var lines: [String] = []
        lines.reserveCapacity(count)
        let start: Int64 = 1_767_225_600_000
        let perDeployment = max(count / 10, phases.count + started.count + 1)
        var index = 0
        func add(_ event: (String, String)) {
            guard index < count else { return }
            lines.append(
                "{\"event_type\": \"\(event.0)\", \"event_info\": \"\(event.1)\", "
                    + "\"occur_time\": \(start + Int64(index) * 4_000)}")
            index += 1
        }
        var deployment = 0
        while index < count {
            let end = min(count, index + perDeployment)
            phases.forEach(add)
            if deployment % 3 == 1 {
                // Waits for resources for half of its events before it is scheduled.
                while index < end - perDeployment / 2 { add(waiting) }
            }
            started.forEach(add)
            var tick = 0
            while index < end {
                add(runningTexts[tick % runningTexts.count])
                tick += 1
            }
            deployment += 1
        }
        return "{\"service_name\": \"resnet-online\", \"service_id\": \"5f0e1d2c-3b4a-4958-8776-a5b4c3d2e1f0\", "
            + "\"total_count\": \(count), \"count\": \(count), \"events\": [\n" + lines.joined(separator: ",\n")
            + "\n]}\n"
    }

    /// A CloudFormation `DescribeStackEvents` response, newest first: a stack of 40 resources created once and
    /// then updated for years, each update walking every resource through UPDATE_IN_PROGRESS and UPDATE_COMPLETE;
    /// the last update fails on one resource and rolls back.
    static func cloudFormation(events count: Int) -> String {
        let stackName = "payments-prod"
        let stackID =
            "arn:aws:cloudformation:eu-west-1:123456789012:stack/\(stackName)/5f0e1d2c-3b4a-4958-8776-a5b4c3d2e1f0"
        let resources = (0..<40).map { ("Function\($0)", "AWS::Lambda::Function", "\(stackName)-function-\($0)") }
        var lines: [String] = []
        lines.reserveCapacity(count)
        let start = 1_704_067_200.0
        let isoFormatter = ISO8601DateFormatter()
        isoFormatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        func add(_ logical: String, _ type: String, _ physical: String, _ status: String, reason: String? = nil) {
            let index = lines.count
            let time = Date(timeIntervalSince1970: start + Double(index) * 2)
            var event =
                "{\"StackId\": \"\(stackID)\", \"EventId\": \"\(logical)-\(uuid(index))\", "
                + "\"StackName\": \"\(stackName)\", \"LogicalResourceId\": \"\(logical)\", "
                + "\"PhysicalResourceId\": \"\(physical)\", \"ResourceType\": \"\(type)\", "
                + "\"Timestamp\": \"\(isoFormatter.string(from: time))\", \"ResourceStatus\": \"\(status)\""
            if let reason { event += ", \"ResourceStatusReason\": \"\(reason)\"" }
            lines.append(event + "}")
        }
        func stack(_ status: String, reason: String? = nil) {
            add(stackName, "AWS::CloudFormation::Stack", stackID, status, reason: reason)
        }
        stack("CREATE_IN_PROGRESS", reason: "User Initiated")
        for (logical, type, physical) in resources {
            add(logical, type, "", "CREATE_IN_PROGRESS")
            add(logical, type, physical, "CREATE_IN_PROGRESS", reason: "Resource creation Initiated")
            add(logical, type, physical, "CREATE_COMPLETE")
        }
        stack("CREATE_COMPLETE")
        // Each update: the stack's two events, two per resource, and the cleanup's two.
        let perUpdate = 4 + 2 * resources.count
        while lines.count + 2 * perUpdate < count {
            stack("UPDATE_IN_PROGRESS", reason: "User Initiated")
            for (logical, type, physical) in resources {
                add(logical, type, physical, "UPDATE_IN_PROGRESS")
                add(logical, type, physical, "UPDATE_COMPLETE")
            }
            stack("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS")
            stack("UPDATE_COMPLETE")
        }
        stack("UPDATE_IN_PROGRESS", reason: "User Initiated")
        let (failing, failingType, failingPhysical) = resources[17]
        add(failing, failingType, failingPhysical, "UPDATE_IN_PROGRESS")
        add(
            failing, failingType, failingPhysical, "UPDATE_FAILED",
            reason: "Resource handler returned message: \\\"Function code combined with layers exceeds the "
                + "maximum allowed size of 262144000 bytes\\\" (HandlerErrorCode: InvalidRequest)")
        stack("UPDATE_ROLLBACK_IN_PROGRESS", reason: "The following resource(s) failed to update: [\(failing)].")
        add(failing, failingType, failingPhysical, "UPDATE_IN_PROGRESS")
        add(failing, failingType, failingPhysical, "UPDATE_COMPLETE")
        stack("UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS")
        stack("UPDATE_ROLLBACK_COMPLETE")
        return "{\"StackEvents\": [\n" + lines.reversed().joined(separator: ",\n") + "\n]}\n"
    }

    private static func uuid(_ index: Int) -> String {
        let hex = String(UInt64(index) &* 0x9E37_79B9_7F4A_7C15, radix: 16)
        let padded = String(repeating: "0", count: max(0, 16 - hex.count)) + hex
        let a = padded.prefix(8)
        let b = padded.dropFirst(8).prefix(4)
        let c = padded.suffix(4)
        return "\(a)-\(b)-4\(c.dropFirst())-8\(String(index % 1000).padding(toLength: 3, withPad: "0", startingAt: 0))-"
            + "\(String(format: "%012x", index))"
    }
}
