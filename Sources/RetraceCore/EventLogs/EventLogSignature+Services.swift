extension EventLogSignature {
    /// Every deployment log format Retrace reads, in the order detection tries them: the one table of signatures.
    /// A new service adds its signature here, and names it from its `LifecycleService` in `Lifecycles`.
    public static let deploymentLogs: [EventLogSignature] = [.gameLift, .cloudFormation, .parallelCluster, .modelArts]

    /// GameLift `DescribeFleetEvents`: `{"Events": [...], "NextToken": ...}`.
    public static let gameLift = EventLogSignature(
        name: "gamelift", description: "GameLift fleet events", eventArrays: ["Events"], arraysIdentify: true,
        eventMarkers: ["EventCode"], sniffMarkers: ["EventCode"])

    /// CloudFormation `DescribeStackEvents` (`{"StackEvents": [...]}`) and the newer `DescribeEvents`
    /// (`{"OperationEvents": [...]}`), PascalCase.
    public static let cloudFormation = EventLogSignature(
        name: "cloudformation", description: "CloudFormation stack events",
        eventArrays: ["StackEvents", "OperationEvents"], arraysIdentify: true,
        eventMarkers: ["ResourceStatus", "LogicalResourceId", "StackId"],
        sniffMarkers: ["StackEvents", "OperationEvents", "LogicalResourceId"])

    /// ParallelCluster `pcluster get-image-stack-events` / `get-cluster-stack-events`: `{"events": [...]}`, camelCase.
    public static let parallelCluster = EventLogSignature(
        name: "parallelcluster", description: "ParallelCluster stack events", eventArrays: ["events"],
        arraysIdentify: false, eventMarkers: ["resourceStatus", "logicalResourceId", "stackId"],
        // ParallelCluster pages carry `nextToken` even when empty; a Step Functions history page never does.
        emptyPageMarkers: ["nextToken"], sniffMarkers: ["logicalResourceId"])

    /// ModelArts service events: `{"service_id": …, "events": [{"event_type", "event_info", "occur_time"}]}`.
    public static let modelArts = EventLogSignature(
        name: "modelarts", description: "ModelArts service events", eventArrays: ["events"], arraysIdentify: false,
        documentMarkers: ["service_id", "service_name", "total_count"], eventMarkers: ["event_info", "occur_time"],
        sniffMarkers: ["event_info", "service_id"])
}
