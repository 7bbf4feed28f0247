import RetraceCore

extension LifecycleSource {
    /// Huawei Cloud / Open Telekom Cloud ModelArts `GET /v1/{project_id}/services/{service_id}/events`.
    public static let modelArts = LifecycleSource(registered: .modelArts)
}

extension LifecycleSource.Family {
    /// ModelArts service deployments.
    public static let modelArts = Self(rawValue: "modelArts")
}

extension ModelArtsModel: LifecycleService {
    static var family: LifecycleSource.Family { .modelArts }
    static var signatures: [EventLogSignature] { [.modelArts] }
    static var cloudProvider: String { "huawei_cloud" }

    /// `nextToken`, and the service's name, id and the number of events that match (over all pages).
    static func readMembers(of document: JSONElement, into page: inout LifecyclePage, decoder: LifecyclePageDecoder)
        throws(InputError)
    {
        let reader = decoder.reader
        page.nextToken = try reader.string("nextToken", of: document, at: [])
        page.serviceName = try reader.string("service_name", of: document, at: [])
        page.serviceID = try reader.string("service_id", of: document, at: [])
        page.totalCount = try reader.integer("total_count", of: document, at: [])
    }

    /// Events name no service: each is about the page's (`service_name`).
    static func readEvents(
        _ events: EventElements, at path: [JSONPathComponent], into page: inout LifecyclePage,
        decoder: LifecyclePageDecoder
    ) throws(InputError) {
        let reader = decoder.reader
        let interner = decoder.interner
        let service = page.serviceName
        let source = page.source
        let resource = service ?? "service"
        let file = reader.input.name
        // Each field's text of the event before: a service says the same thing many times in a row.
        var (lastType, lastInfo): (String?, String?) = (nil, nil)
        try decoder.forEachEvent(in: events, at: path) { object, path throws(InputError) in
            let (time, unparsed) = try reader.timestamp("occur_time", of: object, at: path())
            page.events.append(
                LifecycleEvent(
                    id: "", time: time, unparsedTime: unparsed,
                    code: try reader.requiredSharedString(
                        "event_type", of: object, at: path(), interner: interner, last: &lastType),
                    resource: resource,
                    message: try reader.requiredSharedString(
                        "event_info", of: object, at: path(), interner: interner, last: &lastInfo),
                    file: file, source: source))
        }
    }

    /// A service is a deployment: its name, as each page gives it.
    static func deploymentKeys(of events: [LifecycleEvent]) -> (keys: [String], names: [String: String]) {
        (events.map(\.resource), [:])
    }

    /// Every event names its service.
    static func serviceName(of events: [LifecycleEvent]) -> String? { events.first?.resource }
}
