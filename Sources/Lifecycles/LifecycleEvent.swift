import RetraceCore

/// One event of a deployment log, whatever service wrote it, with the service's own fields kept as recorded.
///
/// The common fields are what the lifecycle engine needs: who the event is about, what code or status it
/// carries and when it happened. Service fields are `nil` when the service does not have them.
public struct LifecycleEvent: Sendable, Hashable {
    /// The event's id: GameLift `EventId`, CloudFormation `EventId`; ModelArts records none, so its events are
    /// numbered `#1`, `#2`, … oldest first. Unique within a log (a repeated id gets a `~2` suffix).
    public var id: String
    /// When it happened; `nil` when the log holds no usable timestamp (a placeholder such as `"timestamp"`).
    public var time: Instant?
    /// The timestamp as written, when it could not be read (so that it can still be shown).
    public var unparsedTime: String? {
        get { rare?.unparsedTime }
        set { updateRare { $0.unparsedTime = newValue } }
    }
    /// What happened: a GameLift `EventCode`, a CloudFormation `ResourceStatus`, a ModelArts `event_type`
    /// (`normal` / `abnormal`). Unknown values are kept as they are.
    public var code: String
    /// Whom it is about: a GameLift `ResourceId` (the fleet), a CloudFormation `LogicalResourceId`, a ModelArts
    /// service name.
    public var resource: String
    /// The text that comes with it: GameLift `Message`, CloudFormation `ResourceStatusReason`, ModelArts
    /// `event_info`.
    public var message: String?
    /// The input it came from, as the user named it.
    public var file: String
    /// The service that wrote it.
    public var source: LifecycleSource

    /// GameLift: where the service stored a log for this event (a pre-signed S3 URL holding credentials).
    public var preSignedLogURL: String? {
        get { rare?.preSignedLogURL }
        set { updateRare { $0.preSignedLogURL = newValue } }
    }
    /// GameLift: how many times the event occurred (repeated events are folded into one with a count).
    public var count: Int64? {
        get { rare?.count }
        set { updateRare { $0.count = newValue } }
    }

    /// Fields most events do not have, out of line like the CloudFormation ones: an event of a million-event log
    /// is a few words, not a page.
    private struct RareFields: Sendable, Hashable {
        var unparsedTime: String?
        var preSignedLogURL: String?
        var count: Int64?
        var isEmpty: Bool { unparsedTime == nil && preSignedLogURL == nil && count == nil }
    }
    private enum RareStorage: Sendable, Hashable {
        case none
        indirect case fields(RareFields)
    }
    private var rareStorage: RareStorage = .none
    private var rare: RareFields? {
        if case .fields(let fields) = rareStorage { return fields }
        return nil
    }
    private mutating func updateRare(_ change: (inout RareFields) -> Void) {
        var fields = rare ?? RareFields()
        change(&fields)
        rareStorage = fields.isEmpty ? .none : .fields(fields)
    }

    /// CloudFormation's own fields, out of line: a million GameLift or ModelArts events carry none of them, and an
    /// event is copied several times while pages are merged, so they cost one pointer, not ten strings.
    public var stack: StackEventFields? {
        get {
            if case .fields(let fields) = stackStorage { return fields }
            return nil
        }
        set { stackStorage = newValue.map(StackStorage.fields) ?? .none }
    }
    private var stackStorage: StackStorage = .none

    private enum StackStorage: Sendable, Hashable {
        case none
        indirect case fields(StackEventFields)
    }

    /// CloudFormation: the resource type (`AWS::S3::Bucket`, `AWS::CloudFormation::Stack`).
    public var resourceType: String? { stack?.resourceType }
    /// CloudFormation: the physical id (for a nested stack, that stack's ARN).
    public var physicalResourceID: String? { stack?.physicalResourceID }
    /// CloudFormation: the stack's name.
    public var stackName: String? { stack?.stackName }
    /// CloudFormation: the stack's ARN.
    public var stackID: String? { stack?.stackID }
    /// CloudFormation: the operation that produced the event, where the service records it.
    public var operationID: String? { stack?.operationID }
    /// CloudFormation `DescribeEvents`: the kind of operation (`CREATE_STACK`, `ROLLBACK`, …).
    public var operationType: String? { stack?.operationType }
    /// CloudFormation `DescribeEvents`: what the event is (`STACK_EVENT`, `PROGRESS_EVENT`, `VALIDATION_ERROR`,
    /// `PROVISIONING_ERROR`, `HOOK_INVOCATION_ERROR`).
    public var eventType: String? { stack?.eventType }
    /// CloudFormation: `CONFIGURATION_COMPLETE` or `VALIDATION_FAILED`, where recorded.
    public var detailedStatus: String? { stack?.detailedStatus }
    /// CloudFormation: the client request token of the operation, where recorded.
    public var clientRequestToken: String? { stack?.clientRequestToken }
    /// CloudFormation: the resource properties as JSON text.
    public var resourceProperties: String? { stack?.resourceProperties }

    /// Creates an event; service fields default to `nil`.
    public init(
        id: String, time: Instant?, unparsedTime: String? = nil, code: String, resource: String,
        message: String?, file: String, source: LifecycleSource
    ) {
        self.id = id
        self.time = time
        self.code = code
        self.resource = resource
        self.message = message
        self.file = file
        self.source = source
        if let unparsedTime { self.unparsedTime = unparsedTime }
    }

    /// The time as people read it: ISO 8601, the unparsed text, or `unknown time`.
    public var timeDescription: String {
        if let time { return time.iso8601 }
        return unparsedTime.map { "\"\($0)\"" } ?? "unknown time"
    }

    /// Whether this CloudFormation event is about the stack itself rather than one of its resources.
    public var isStackEvent: Bool {
        if let stackName, resource == stackName { return true }
        if resourceType == "AWS::CloudFormation::Stack", let stackID, let physicalResourceID {
            return stackID == physicalResourceID
        }
        return false
    }

    /// The same event with everything but its id compared: duplicates across pages are fine when this matches.
    func sameContent(as other: LifecycleEvent) -> Bool {
        var copy = other
        copy.id = id
        copy.file = file
        return copy == self
    }
}

/// The fields only CloudFormation (and ParallelCluster) events have, as the service names them.
public struct StackEventFields: Sendable, Hashable {
    /// The resource type (`AWS::S3::Bucket`, `AWS::CloudFormation::Stack`).
    public var resourceType: String?
    /// The physical id (for a nested stack, that stack's ARN).
    public var physicalResourceID: String?
    /// The stack's name.
    public var stackName: String?
    /// The stack's ARN.
    public var stackID: String?
    /// The operation that produced the event, where the service records it.
    public var operationID: String?
    /// `DescribeEvents`: the kind of operation (`CREATE_STACK`, `ROLLBACK`, …).
    public var operationType: String?
    /// `DescribeEvents`: what the event is (`STACK_EVENT`, `PROGRESS_EVENT`, `PROVISIONING_ERROR`, …).
    public var eventType: String?
    /// `CONFIGURATION_COMPLETE` or `VALIDATION_FAILED`, where recorded.
    public var detailedStatus: String?
    /// The client request token of the operation, where recorded.
    public var clientRequestToken: String?
    /// The resource properties as JSON text.
    public var resourceProperties: String?

    /// Creates the fields; all default to `nil`.
    public init(
        resourceType: String? = nil, physicalResourceID: String? = nil, stackName: String? = nil,
        stackID: String? = nil, operationID: String? = nil
    ) {
        self.resourceType = resourceType
        self.physicalResourceID = physicalResourceID
        self.stackName = stackName
        self.stackID = stackID
        self.operationID = operationID
    }
}
