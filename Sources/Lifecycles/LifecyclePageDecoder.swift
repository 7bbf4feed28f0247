import RetraceCore

/// Turns one parsed document into a page of `LifecycleEvent`s: finds its array of events, then lets the page's
/// service (`LifecycleService`) read its members and events the way that service documents them.
struct LifecyclePageDecoder {
    let reader: EventFieldReader
    let documentIndex: Int
    /// Shared by every page of one log.
    let interner: StringInterner

    /// Decodes `document` as `source`. Throws `InputError` naming the file, line and column of the first value
    /// that does not fit.
    func decode(_ document: JSONElement, as source: LifecycleSource) throws(InputError) -> LifecyclePage {
        let (events, path) = try eventArray(document, source: source)
        var page = LifecyclePage(
            source: source, events: [], nextToken: nil, file: reader.input.name, documentIndex: documentIndex)
        // The service is resolved once per page; its loop over the events runs on its own concrete type.
        let service = source.service
        if document.kind == .object { try service.readMembers(of: document, into: &page, decoder: self) }
        page.events.reserveCapacity(events.count)
        try service.readEvents(.array(events), at: path, into: &page, decoder: self)
        return page
    }

    /// Reads more events of a page decoded with `decode`: a group of its array's elements (at `path`), for a page
    /// parsed in pieces.
    func decodeMore(
        _ events: EventElements, at path: [JSONPathComponent], into page: inout LifecyclePage
    ) throws(InputError) {
        try page.source.service.readEvents(events, at: path, into: &page, decoder: self)
    }

    /// Calls `body` with each element of `events` and its path, after checking that it is an object: the loop every
    /// service reads its events with. The path is given as a function, called only to name the place of an error:
    /// building it for every event was an allocation per event.
    @inline(__always)
    func forEachEvent(
        in events: EventElements, at path: [JSONPathComponent],
        _ body: (JSONElement, () -> [JSONPathComponent]) throws(InputError) -> Void
    ) throws(InputError) {
        func read(_ element: JSONElement, _ index: Int) throws(InputError) {
            guard element.kind == .object else {
                throw reader.mismatch(
                    at: path + [.index(index)], expected: "an event object", found: element.kind.described)
            }
            try body(element) { path + [.index(index)] }
        }
        switch events {
        case .array(let array):
            for (index, element) in array.elements.enumerated() { try read(element, index) }
        case .group(let group, let firstIndex):
            for (offset, element) in group.enumerated() { try read(element, firstIndex + offset) }
        }
    }

    /// The array of events and its path: the member the format puts it in (the first of its signature's
    /// `eventArrays` that the document has), or the document itself when the user saved only the array.
    private func eventArray(_ document: JSONElement, source: LifecycleSource) throws(InputError)
        -> (JSONElement, [JSONPathComponent])
    {
        if document.kind == .array { return (document, []) }
        let key = LifecyclePageDecoder.eventMember(of: document, as: source)
        guard document.kind == .object, let events = document[key] else {
            throw InputError.unrecognised(
                file: reader.input.name, expected: "\(source) (an object with an `\(key)` array)",
                looksLike: LifecyclePageDecoder.describe(document))
        }
        guard events.kind == .array else {
            throw reader.mismatch(at: [.key(key)], expected: "an array of events", found: events.kind.described)
        }
        return (events, [.key(key)])
    }

    /// The member of an object page its service reads the events from: the first of its signature's
    /// `eventArrays` the object has, or the usual one when it has none (for the message that it is missing).
    static func eventMember(of document: JSONElement, as source: LifecycleSource) -> String {
        source.signature.eventArrays.first { document.kind == .object && document[$0] != nil }
            ?? LifecycleDecoder.arrayKey(source)
    }

    /// What a document that is not a deployment log seems to be, for the error message.
    static func describe(_ document: JSONElement) -> String {
        switch document.kind {
        case .object:
            if let events = document["events"], events.kind == .array {
                var elements = events.elements
                if let first = elements.next(), first["type"] != nil, first["id"] != nil {
                    return "a Step Functions execution history"
                }
            }
            let keys = document.members.prefix(5).map { "`\($0.key.string)`" }
            return keys.isEmpty ? "an empty object" : "an object with \(keys.joined(separator: ", "))"
        default:
            return document.kind.described
        }
    }
}
