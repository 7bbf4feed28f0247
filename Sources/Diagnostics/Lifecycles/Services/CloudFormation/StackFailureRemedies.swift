/// Explanations and remedies for CloudFormation resource failures, by handler error code and by the usual
/// wording of status reasons. Our own words.
enum StackFailureRemedies {
    /// An explanation and a remedy.
    struct Advice: Sendable, Hashable {
        var explanation: String
        var remedy: String
    }

    /// Advice for a failed resource of `resourceType` whose reason reads as `reason`.
    static func advice(reason: StackStatusReason, resourceType: String?, physicalID: String?) -> Advice {
        if resourceType == "AWS::GameLift::Fleet",
            reason.handlerErrorCode == "NotStabilized" || reason.text.lowercased().contains("stabiliz")
        {
            let fleet = physicalID.flatMap { $0.isEmpty ? nil : $0 } ?? "<fleet-id>"
            return Advice(
                explanation: "The GameLift fleet was created but never became ACTIVE; CloudFormation only knows that "
                    + "it did not stabilise. The fleet's own events say why.",
                remedy: "Fetch the fleet's events and analyse them: `aws gamelift describe-fleet-events --fleet-id "
                    + "\(fleet) > fleet-events.json`, then `retrace analyze fleet-events.json`.")
        }
        if let code = reason.handlerErrorCode, let advice = byHandlerCode[code] { return advice }
        let lower = reason.text.lowercased()
        for (patterns, advice) in byWording where patterns.contains(where: { lower.contains($0) }) {
            return advice
        }
        return Advice(
            explanation: "This is the first resource that failed in the operation; the cancellations and the "
                + "rollback that follow it are its consequences.",
            remedy: "Read the reason above, fix the resource's properties, permissions or dependencies in the "
                + "template, and run the operation again.")
    }

    private static let byHandlerCode: [String: Advice] = [
        "AccessDenied": Advice(
            explanation: "The role CloudFormation used may not call the API that manages this resource.",
            remedy: "Give the stack's service role (or your credentials) the permission named in the message, or "
                + "remove an explicit deny (SCP, permissions boundary)."),
        "InvalidCredentials": Advice(
            explanation: "The credentials CloudFormation used were rejected.",
            remedy: "Check the stack's service role exists and can be assumed by cloudformation.amazonaws.com."),
        "AlreadyExists": Advice(
            explanation: "A resource with the same name already exists, outside this stack or in another one.",
            remedy: "Drop the explicit name so that CloudFormation generates one, delete or import the existing "
                + "resource, or choose another name."),
        "NotFound": Advice(
            explanation: "Something the resource refers to does not exist (or not in this Region or account).",
            remedy: "Check the ids, ARNs and names the resource's properties reference."),
        "InvalidRequest": Advice(
            explanation: "The service rejected the resource's properties.",
            remedy: "Fix the property the message names; check allowed values and combinations in the resource "
                + "type's reference."),
        "ServiceLimitExceeded": Advice(
            explanation: "An account or service quota was reached.",
            remedy: "Delete unused resources or request a quota increase (Service Quotas), then retry."),
        "Throttling": Advice(
            explanation: "The service throttled the requests.",
            remedy: "Retry the operation; reduce how many similar resources are created at once (DependsOn)."),
        "NotStabilized": Advice(
            explanation: "The resource was created or updated but never reached a ready state in time.",
            remedy: "Look at the resource itself (its console page, its own events or logs) to see why it did not "
                + "become ready."),
        "NotUpdatable": Advice(
            explanation: "The property changed cannot be updated in place.",
            remedy: "Change a property that allows replacement, or replace the resource under a new logical id."),
        "ResourceConflict": Advice(
            explanation: "Another operation was changing the same resource at the time.",
            remedy: "Wait for the other operation to finish and run this one again."),
        "NetworkFailure": Advice(
            explanation: "The resource provider could not reach the service.",
            remedy: "Run the operation again; it is usually transient."),
        "ServiceInternalError": Advice(
            explanation: "The service behind the resource failed internally.",
            remedy: "Run the operation again; contact AWS support if it repeats."),
        "InternalFailure": Advice(
            explanation: "The resource provider failed internally.",
            remedy: "Run the operation again; contact AWS support if it repeats."),
        "HandlerInternalFailure": Advice(
            explanation: "The resource provider failed internally.",
            remedy: "Run the operation again; contact AWS support if it repeats."),
        "GeneralServiceException": Advice(
            explanation: "The service behind the resource returned an error; its message says which.",
            remedy: "Act on the message quoted above; it comes from the service itself."),
    ]

    private static let byWording: [([String], Advice)] = [
        (
            ["received failure signal", "failed to receive", "wait condition"],
            Advice(
                explanation: "The instance reported a failure (or no success) through cfn-signal: its start-up "
                    + "script failed or did not finish in time.",
                remedy: "Read the instance's start-up logs (/var/log/cloud-init-output.log, /var/log/cfn-init.log; "
                    + "for ParallelCluster also /var/log/chef-client.log and /var/log/parallelcluster/, or "
                    + "`pcluster export-cluster-logs`), fix the failing step and create the stack again.")
        ),
        (
            ["already exists"],
            Advice(
                explanation: "A resource with the same name already exists.",
                remedy: "Let CloudFormation generate the name, or delete or import the existing resource.")
        ),
        (
            ["not authorized", "accessdenied", "access denied", "is not authorized to perform"],
            Advice(
                explanation: "A permission is missing.",
                remedy: "Grant the action named in the message to the stack's role or your credentials.")
        ),
        (
            [
                "property validation failure", "template format error", "template error", "unsupported property",
                "encountered unsupported",
            ],
            Advice(
                explanation: "The template is invalid for this resource type.",
                remedy: "Fix the property named in the message (see the resource type's reference), validate with "
                    + "`aws cloudformation validate-template` or cfn-lint, and run the operation again.")
        ),
        (
            ["insufficientinstancecapacity", "insufficient capacity"],
            Advice(
                explanation: "EC2 had no capacity for the instance type in that Availability Zone.",
                remedy: "Use another instance type or subnet (Availability Zone), or try again later.")
        ),
        (
            ["limit exceeded", "limitexceeded", "quota"],
            Advice(
                explanation: "An account or service quota was reached.",
                remedy: "Delete unused resources or request a quota increase, then retry.")
        ),
        (
            ["rate exceeded", "throttl"],
            Advice(
                explanation: "The service throttled the requests.",
                remedy: "Retry; spread the creation of many similar resources over time.")
        ),
        (
            ["does not exist", "not found", "could not be found"],
            Advice(
                explanation: "Something the resource refers to does not exist.",
                remedy: "Check the ids and names it references, and that they are in the same Region and account.")
        ),
        (
            ["timed out", "did not stabilize", "timeout"],
            Advice(
                explanation: "The resource did not become ready in time.",
                remedy: "Look at the resource itself to see why it did not become ready; raise the timeout only if "
                    + "it is merely slow.")
        ),
    ]
}
