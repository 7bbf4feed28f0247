/// One decoded document of a log: a page of events as the service returned it, before merging.
struct LifecyclePage: Sendable {
    /// The shape it was read as.
    var source: LifecycleSource
    /// The events in the order the page lists them. Events without an id have an empty `id` until merging.
    var events: [LifecycleEvent]
    /// The token for the next page, when the service said there is one.
    var nextToken: String?
    /// The input's name.
    var file: String
    /// Which document of its input this page is, from 0.
    var documentIndex: Int
    /// ModelArts: the service's name, id and the number of events that match (over all pages).
    var serviceName: String?
    var serviceID: String?
    var totalCount: Int64?
    /// Logs kept with the events: an image build's (`ImageBuilderLog`), GameLift events' (`EventLogs`).
    var attachedLogs: [AttachedLog] = []
}
