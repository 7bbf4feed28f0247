import RetraceCore

/// What the lifecycle engine knows about one deployment service, behind one type: the formats its logs come in,
/// how a page of each is read, how its events become machines and operations, how they progress (to tell the
/// direction of an undated page), and which deployment each event belongs to.
///
/// The engine (`LifecycleDecoder`, `LifecyclePageDecoder`, `PageMerger`, `LifecycleRun`, `LifecycleLog.deployments()`)
/// asks the service of a log's `LifecycleSource` through `LifecycleServices` and never switches over services. The
/// service is resolved once per page or log; its own loops run over concrete types.
protocol LifecycleService: SendableMetatype {
    /// The service's identity, shared by its formats.
    static var family: LifecycleSource.Family { get }

    /// The formats its logs come in (a dialect each: CloudFormation and ParallelCluster stack events), each
    /// recognised by its signature in `EventLogSignature.deploymentLogs`.
    static var signatures: [EventLogSignature] { get }

    /// What its events' codes are called in messages ("status", "event code").
    static var codeNoun: String { get }

    /// Who runs it, as OpenTelemetry's `cloud.provider` names it.
    static var cloudProvider: String { get }

    /// Reads a page's members other than its events: the paging token, logs kept with the events, the service's
    /// name. Called before `readEvents`, only for a page that is an object.
    static func readMembers(of document: JSONElement, into page: inout LifecyclePage, decoder: LifecyclePageDecoder)
        throws(InputError)

    /// Reads a page's array of events (at `path`) into `page.events`, in the order listed.
    static func readEvents(
        _ events: EventElements, at path: [JSONPathComponent], into page: inout LifecyclePage,
        decoder: LifecyclePageDecoder) throws(InputError)

    /// Builds the machine instances (parents before children) and the operations of a merged log.
    static func reconstruct(_ log: LifecycleLog) -> (instances: [MachineInstance], operations: [LifecycleOperation])

    /// Where an event stands in its lifecycle: a key (one lifecycle) and a rank that grows with time along it;
    /// `nil` for an event that says nothing about progress.
    static func progressRank(of event: LifecycleEvent) -> (String, Int)?

    /// For each event, the key of the deployment it belongs to, and a name for people where the key is not one.
    static func deploymentKeys(of events: [LifecycleEvent]) -> (keys: [String], names: [String: String])

    /// The name of the service a deployment's events are about, when the service records it on each event
    /// (kept on a deployment split from a larger log); `nil` otherwise.
    static func serviceName(of events: [LifecycleEvent]) -> String?
}

extension LifecycleService {
    static var codeNoun: String { "event code" }
    static var cloudProvider: String { "aws" }
    static func serviceName(of events: [LifecycleEvent]) -> String? { nil }
}

/// The registry of deployment services: the one list the engine looks a log's service up in. A new service is a
/// folder under `Services/` with a type conforming to `LifecycleService`, and one line here.
enum LifecycleServices {
    /// Every service, in the order their formats are listed (`--source` help, `LifecycleSource.allCases`).
    static let all: [any LifecycleService.Type] = [
        GameLiftFleetModel.self,
        CloudFormationModel.self,
        ModelArtsModel.self,
    ]

    /// Every format of every service, with the service that reads it: `LifecycleSource` is a position here.
    static let dialects: [(signature: EventLogSignature, service: any LifecycleService.Type)] = all.flatMap {
        service in service.signatures.map { (signature: $0, service: service) }
    }

    /// The service whose identity is `family`.
    static func service(_ family: LifecycleSource.Family) -> (any LifecycleService.Type)? {
        all.first { $0.family == family }
    }
}
