import Foundation
import RetraceCore

/// Turns the bytes of one or more inputs into a `History`.
///
/// Accepts everything a user may hold: `{"events": [...], "nextToken": …}` pages (AWS CLI, boto3 dumps with
/// `ResponseMetadata`), bare event arrays, single events per line (JSON Lines), several pages in one file or
/// across files, overlapping pages, newest-first order, payloads as JSON-encoded strings or as decoded values.
public struct HistoryDecoder: Sendable {
    /// Inputs this large are parsed in pieces of about `pieceBytes` (`JSONReader.forEachPiece`) when they are one
    /// page: parsed whole, a page of 90 MB held 300 MB of parser buffers beside its events. The defaults suit every
    /// use; the tests and the fuzz harness make them small, to read small inputs both ways.
    public var piecesThreshold = 8 << 20
    /// About how many bytes of events each piece holds.
    public var pieceBytes = 4 << 20

    /// Creates a decoder.
    public init() {}

    /// Decodes and merges the inputs as pages of one history, whatever their order.
    ///
    /// - Throws: `InputError` naming the file, line and column when an input is not JSON, not a history, or
    ///   holds a value of the wrong type where the API model fixes one.
    public func decode(_ inputs: [InputBuffer]) throws -> History {
        var pages: [HistoryPage] = []
        for (index, input) in inputs.enumerated() { pages += try self.pages(of: input, inputIndex: index) }
        return History(pages: pages)
    }

    /// Decodes one input into its pages: each `{"events": …}` document or array is a page, and consecutive
    /// single-event documents (JSON Lines) together are one.
    ///
    /// - Parameter wanted: the ordinals of the pages to decode; the others are parsed but not decoded (the loader
    ///   reads an input again for one execution's pages only). `nil` decodes every page.
    /// - Throws: `InputError` naming the file, line and column.
    /// - Parameter reader: the reader to parse with; reusing one across inputs spares a parser allocation per input.
    public func pages(
        of input: InputBuffer, inputIndex: Int = 0, wanted: Set<Int>? = nil, reader: JSONReader = JSONReader()
    ) throws -> [HistoryPage] {
        var pages: [HistoryPage] = []
        // Whether the last page read is made of single-event documents, which the next such document extends.
        var extendingEventPage = false
        /// Starts a page for the document at `offset`; its ordinal.
        func newPage(at offset: Int) -> Int {
            let ordinal = (pages.last?.origin.ordinal ?? -1) + 1
            pages.append(
                HistoryPage(
                    origin: PageOrigin(input: input.name, inputIndex: inputIndex, ordinal: ordinal, offset: offset),
                    events: [], hasNextToken: false))
            return ordinal
        }
        func read(_ document: JSONElement, _ info: JSONReader.DocumentInfo) throws {
            let isSingleEvent = document.kind == .object && document["events"] == nil
            if !(isSingleEvent && extendingEventPage) { _ = newPage(at: info.offset) }
            extendingEventPage = isSingleEvent
            let last = pages.count - 1
            let source = EventDecoder.PayloadSource(reader: reader, info: info)
            if let wanted, !wanted.contains(pages[last].origin.ordinal) {
                // Still check the shape, so that an input is judged the same whichever pages are asked for.
                if EventLogKind.detect(document) != .stepFunctionsHistory {
                    throw ShapeProblem.notAHistory(EventLogKind.detect(document)).inputError(
                        in: input, documentOffset: info.offset)
                }
            } else {
                do {
                    try decodeDocument(document, source: source, into: &pages[last])
                } catch let problem as ShapeProblem {
                    throw problem.inputError(in: input, documentOffset: info.offset)
                }
            }
            // A bundle (`retrace fetch`) carries the child executions of its Map Runs: a page each.
            guard document.kind == .object, document["retraceBundle"] != nil, let children = document["children"],
                children.kind == .array
            else { return }
            for (index, child) in children.elements.enumerated() {
                let ordinal = newPage(at: info.offset)
                if let wanted, !wanted.contains(ordinal) { continue }
                let place: [JSONPathComponent] = [.key("children"), .index(index)]
                do {
                    guard child.kind == .object, child["events"] != nil else {
                        throw ShapeProblem(path: [], expected: "a child execution with events", found: child)
                    }
                    try decodeDocument(child, source: source, into: &pages[pages.count - 1])
                } catch var problem as ShapeProblem {
                    problem.path = place + problem.path
                    throw problem.inputError(in: input, documentOffset: info.offset)
                }
            }
        }
        // A large page is parsed a few megabytes of events at a time, so that the parser's memory stays small.
        var pieces: Int?
        let inPieces =
            try input.count >= piecesThreshold
            && reader.forEachPiece(
                of: input, members: ["events"], groupBytes: pieceBytes,
                object: { document, info, _, count in
                    pieces = pages.count
                    try read(document, info)
                    if let page = pieces, pages.indices.contains(page) { pages[page].events.reserveCapacity(count) }
                    return true
                },
                elements: { elements, firstIndex, info in
                    guard let page = pieces, wanted?.contains(pages[page].origin.ordinal) ?? true else { return }
                    do {
                        try decodeEvents(
                            elements, firstIndex: firstIndex, path: [.key("events")],
                            source: EventDecoder.PayloadSource(reader: reader, info: info), into: &pages[page])
                    } catch let problem as ShapeProblem {
                        throw problem.inputError(in: input, documentOffset: info.offset)
                    }
                })
        if !inPieces {
            try reader.forEachDocument(in: input, expecting: EventLogKind.stepFunctionsHistory.description, read)
        }
        if let wanted { pages.removeAll { !wanted.contains($0.origin.ordinal) } }
        // A large history's payloads stay borrowed from the parser; the rest of the parser is not needed any more.
        if input.count >= HistoryDecoder.releaseThreshold { reader.keepLentStringsOnly() }
        return pages
    }

    private func decodeDocument(
        _ document: JSONElement, source: EventDecoder.PayloadSource, into page: inout HistoryPage
    ) throws {
        let kind = EventLogKind.detect(document)
        guard kind == .stepFunctionsHistory else {
            throw ShapeProblem.notAHistory(kind)
        }
        switch document.kind {
        case .array:
            try decodeEvents(Array(document.elements), path: [], source: source, into: &page)
        case .object:
            if let events = document["events"] {
                guard events.kind == .array else {
                    throw ShapeProblem(path: [.key("events")], expected: "an array of events", found: events)
                }
                try decodeEvents(Array(events.elements), path: [.key("events")], source: source, into: &page)
                page.executionArn = document["executionArn"]?.string
                page.mapRunArn = document["mapRunArn"]?.string
                if let token = document["nextToken"], token.kind != .null { page.hasNextToken = true }
            } else {
                page.add(try EventDecoder.decode(document, path: [], source: source))
            }
        default:
            throw ShapeProblem.notAHistory(kind)
        }
    }

    /// Inputs this large give back their parser's tape once decoded (`JSONReader.keepLentStringsOnly()`); smaller
    /// ones keep the parser for the next input, which costs less than allocating a new one.
    static let releaseThreshold = 1 << 20

    /// Histories this long are decoded on two threads: the parser's tape is read-only, so each half of the
    /// events array is built independently, and the first error by position still wins.
    static let parallelThreshold = 4_096

    /// Decodes `elements`, the events at `firstIndex` and on of the array at `path`, onto the end of `page`.
    private func decodeEvents(
        _ elements: [JSONElement], firstIndex: Int = 0, path: [JSONPathComponent],
        source: EventDecoder.PayloadSource, into page: inout HistoryPage
    ) throws {
        guard elements.count >= HistoryDecoder.parallelThreshold else {
            page.events.reserveCapacity(page.events.count + elements.count)
            for (index, element) in elements.enumerated() {
                page.add(
                    try EventDecoder.decode(element, path: path + [.index(firstIndex + index)], source: source))
            }
            return
        }
        // Both halves are built in place in one array, so that no event is copied afterwards.
        let parts = 2
        let size = (elements.count + parts - 1) / parts
        let outcomes = DecodedParts(count: parts)
        let decoded = try [HistoryEvent](unsafeUninitializedCapacity: elements.count) { buffer, initialized in
            let slots = SendableSlots(buffer)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let range = (part * size)..<min((part + 1) * size, elements.count)
                var unreadable: [(id: Int64, text: String)] = []
                var done = 0
                do {
                    for index in range {
                        let event = try EventDecoder.decode(
                            elements[index], path: path + [.index(firstIndex + index)], source: source)
                        if let text = event.unreadableTimestamp { unreadable.append((event.event.id, text)) }
                        slots.initialize(range.lowerBound + done, to: event.event)
                        done += 1
                    }
                    outcomes.store(part, .success(unreadable), initialized: done)
                } catch {
                    outcomes.store(part, .failure(error), initialized: done)
                }
            }
            if let failure = outcomes.firstFailure {
                // Leave no half-built array behind: release what each half built, then report the first error.
                if let base = buffer.baseAddress {
                    for part in 0..<parts { (base + part * size).deinitialize(count: outcomes.initialized(part)) }
                }
                initialized = 0
                throw failure
            }
            initialized = elements.count
        }
        if page.events.isEmpty { page.events = decoded } else { page.events += decoded }
        page.unreadableTimestamps += outcomes.unreadableTimestamps
    }
}

/// The outcome of each half of a parallel decode, each written by its own thread.
private final class DecodedParts: @unchecked Sendable {
    private var results: [(Result<[(id: Int64, text: String)], any Error>, Int)?]
    private let lock = NSLock()

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func store(_ part: Int, _ result: Result<[(id: Int64, text: String)], any Error>, initialized: Int) {
        lock.withLock { results[part] = (result, initialized) }
    }

    /// The first error by position.
    var firstFailure: (any Error)? {
        lock.withLock {
            for case let (.failure(error), _)? in results { return error }
            return nil
        }
    }

    /// How many events the half built before it stopped.
    func initialized(_ part: Int) -> Int { lock.withLock { results[part]?.1 ?? 0 } }

    /// Unreadable timestamps, in order.
    var unreadableTimestamps: [(id: Int64, text: String)] {
        lock.withLock { results.flatMap { (try? $0?.0.get()) ?? [] } }
    }
}

/// The slots of an array being built by several threads, each into its own range.
private struct SendableSlots: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<HistoryEvent>

    init(_ buffer: UnsafeMutableBufferPointer<HistoryEvent>) { self.buffer = buffer }

    func initialize(_ index: Int, to event: HistoryEvent) {
        buffer.baseAddress.map { ($0 + index).initialize(to: event) }
    }
}

/// A value of the wrong shape, found while decoding; turned into an `InputError` with a position by the caller,
/// which alone holds the bytes.
struct ShapeProblem: Error {
    var path: [JSONPathComponent]
    var expected: String
    var found: String
    var kind: EventLogKind?

    init(path: [JSONPathComponent], expected: String, found: JSONElement) {
        self.path = path
        self.expected = expected
        // An integer that `integer` cannot give back is past Int64's range: "found an integer" would read as
        // no mistake at all where an integer was expected.
        self.found =
            found.kind == .integer && found.integer == nil
            ? "\(found.minifiedText), larger than a 64-bit integer" : found.kind.described
    }

    init(path: [JSONPathComponent], expected: String, foundText: String) {
        self.path = path
        self.expected = expected
        self.found = foundText
    }

    static func notAHistory(_ kind: EventLogKind) -> ShapeProblem {
        var problem = ShapeProblem(path: [], expected: "", foundText: "")
        problem.kind = kind
        return problem
    }

    func inputError(in input: InputBuffer, documentOffset: Int) -> InputError {
        if let kind {
            return .unrecognised(
                file: input.name, expected: EventLogKind.stepFunctionsHistory.description, looksLike: kind.description)
        }
        let offset = JSONLocator.offset(of: path, in: input.bytes, documentStart: documentOffset) ?? documentOffset
        return .unexpectedValue(
            SourcePosition(file: input.name, bytes: input.bytes, offset: offset), path: path.pathDescription,
            expected: expected, found: found)
    }
}

extension HistoryPage {
    mutating func add(_ decoded: EventDecoder.Decoded) {
        if let text = decoded.unreadableTimestamp { unreadableTimestamps.append((decoded.event.id, text)) }
        events.append(decoded.event)
    }
}
