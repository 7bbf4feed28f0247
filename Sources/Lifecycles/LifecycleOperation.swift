import RetraceCore

/// One operation within a log: a CloudFormation create, update or delete of one stack; a ModelArts deployment;
/// the creation of a GameLift fleet. Diagnosis works within the latest one.
public struct LifecycleOperation: Sendable, Hashable {
    /// The service's operation id where it records one, else a name made from the subject and a number.
    public var id: String
    /// What it works on, for people: a stack name, a fleet id, a service name.
    public var subject: String
    /// The key of the machine instance it works on (the stack, the fleet, the deployment).
    public var instanceKey: String
    /// What it does: `CREATE`, `UPDATE`, `DELETE`, `IMPORT` for stacks; `deploy` for ModelArts; `fleet` for
    /// GameLift.
    public var kind: String
    /// Its events in order.
    public var eventIDs: [String]
    /// Where its first event sits in the log (an index into `LifecycleLog.events`).
    public var firstEventIndex: Int
    /// For a nested stack's operation, the id of the parent stack's operation it ran within.
    public var parentOperationID: String?
    /// CloudFormation: every `OperationId` the service gave its events (an automatic rollback has an id of its
    /// own but belongs to the operation it undoes); empty where the log records none.
    public var serviceIDs: [String] = []
    /// CloudFormation: the stack event where the operation began to undo itself (`ROLLBACK_IN_PROGRESS`,
    /// `UPDATE_ROLLBACK_IN_PROGRESS`, or the `DELETE_IN_PROGRESS` of a create that failed with
    /// `--on-failure DELETE`); `nil` when it did not.
    public var undoEventID: String?

    /// Creates an operation.
    public init(
        id: String, subject: String, instanceKey: String, kind: String, eventIDs: [String], firstEventIndex: Int,
        parentOperationID: String? = nil
    ) {
        self.id = id
        self.subject = subject
        self.instanceKey = instanceKey
        self.kind = kind
        self.eventIDs = eventIDs
        self.firstEventIndex = firstEventIndex
        self.parentOperationID = parentOperationID
    }
}
