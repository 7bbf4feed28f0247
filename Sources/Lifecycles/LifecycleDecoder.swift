import RetraceCore

/// Reads deployment event logs: detects the service, decodes every page of every input, and merges them into
/// one `LifecycleLog`, oldest first.
///
/// Several inputs are several pages of one log (`NextToken`), or, for CloudFormation, a parent stack and its
/// nested stacks. Any number of JSON documents may be in one input (one page per line, or back to back).
public struct LifecycleDecoder: Sendable {
    /// The shape to read, or `nil` to detect it per document.
    public var source: LifecycleSource?
    /// Inputs this large are parsed in pieces of about `pieceBytes` (`JSONReader.forEachPiece`) when they are one
    /// page: parsed whole, a page of 110 MB held 230 MB of parser buffers beside its events. The defaults suit
    /// every use; the tests and the fuzz harness make them small, to read small inputs both ways.
    public var piecesThreshold = 8 << 20
    /// About how many bytes of events each piece holds.
    public var pieceBytes = 4 << 20

    /// Creates a decoder; pass `source` to override detection (the command line's `--source`).
    public init(source: LifecycleSource? = nil) {
        self.source = source
    }

    /// Reads and decodes files by path (`-` for standard input).
    public func decode(paths: [String]) throws(InputError) -> LifecycleLog {
        var inputs: [InputBuffer] = []
        for path in paths { inputs.append(try InputBuffer.read(path: path)) }
        return try decode(inputs)
    }

    /// Decodes inputs already in memory.
    ///
    /// - Throws: `InputError` for invalid JSON, a document that is not a deployment log, a value of the wrong
    ///   type (with file, line and column), inputs from different services, or a log without a single event.
    public func decode(_ inputs: consuming [InputBuffer]) throws(InputError) -> LifecycleLog {
        let files = inputs.map(\.name)
        // The parsed documents and the inputs' bytes are let go before the pages are merged: only the events
        // are needed from here on, and a million of them are what the memory is for.
        var (pages, source, firstEmptyArray) = try decodePages(consume inputs)
        let serviceName = pages.lazy.compactMap(\.serviceName).first
        let serviceID = pages.lazy.compactMap(\.serviceID).first
        var attachedLogs: [AttachedLog] = []
        for log in pages.flatMap(\.attachedLogs) where !attachedLogs.contains(log) { attachedLogs.append(log) }
        let sources = Set(pages.map(\.source))
        var merger = PageMerger(pages: pages, service: source.service)
        pages = []
        let events = merger.merge()
        if events.isEmpty, let firstEmptyArray { throw firstEmptyArray }
        var log = LifecycleLog(
            source: source, events: events, warnings: merger.warnings, files: files, serviceName: serviceName,
            serviceID: serviceID)
        log.sources = sources
        log.attachedLogs = attachedLogs
        return log
    }

    /// Every document of every input as a page, the service they are from, and the error to give when no page
    /// holds an event.
    private func decodePages(_ inputs: consuming [InputBuffer]) throws(InputError) -> (
        pages: [LifecyclePage], source: LifecycleSource, firstEmptyArray: InputError?
    ) {
        guard let firstInput = inputs.first else {
            throw .unreadable(file: "<none>", reason: "no input was given")
        }
        var pages: [LifecyclePage] = []
        var firstSource: LifecycleSource?
        var firstFile = firstInput.name
        var firstEmptyArray: InputError?
        let reader = JSONReader()
        let interner = StringInterner()
        for input in inputs {
            /// Decodes one document as a page; its decoder, to read more of its events with.
            func read(_ document: JSONElement, _ info: JSONReader.DocumentInfo) throws -> LifecyclePageDecoder {
                let detected = LifecycleSource.detect(document)
                guard let shape = self.source ?? detected else {
                    throw InputError.unrecognised(
                        file: input.name,
                        expected: "a deployment event log (GameLift fleet events, CloudFormation or "
                            + "ParallelCluster stack events, ModelArts service events)",
                        looksLike: LifecyclePageDecoder.describe(document))
                }
                if let firstSource, firstSource.family != shape.family {
                    throw InputError.unrecognised(
                        file: input.name, expected: "\(firstSource), like \(firstFile)",
                        looksLike: shape.description)
                }
                if firstSource == nil {
                    firstSource = shape
                    firstFile = input.name
                }
                let fields = EventFieldReader(input: input, documentStart: info.offset)
                let decoder = LifecyclePageDecoder(reader: fields, documentIndex: info.index, interner: interner)
                let page = try decoder.decode(document, as: shape)
                if page.events.isEmpty, firstEmptyArray == nil {
                    let key: [JSONPathComponent] =
                        document.kind == .array ? [] : [.key(LifecycleDecoder.arrayKey(shape))]
                    firstEmptyArray = fields.mismatch(
                        at: key, expected: "at least one event", found: "an empty list")
                }
                pages.append(page)
                return decoder
            }
            do {
                // A large page is parsed a few megabytes of events at a time, so that the parser's memory stays
                // small; only when its events are the array its service reads them from.
                var pieces: (page: Int, decoder: LifecyclePageDecoder, path: [JSONPathComponent])?
                let inPieces =
                    try input.count >= piecesThreshold
                    && reader.forEachPiece(
                        of: input, members: source?.signature.eventArrays ?? LifecycleDecoder.eventArrays,
                        groupBytes: pieceBytes,
                        object: { document, info, member, count in
                            guard let shape = source ?? LifecycleSource.detect(document),
                                LifecyclePageDecoder.eventMember(of: document, as: shape) == member
                            else { return false }
                            let decoder = try read(document, info)
                            pages[pages.count - 1].events.reserveCapacity(count)
                            pieces = (pages.count - 1, decoder, [.key(member)])
                            return true
                        },
                        elements: { elements, firstIndex, _ in
                            guard let (page, decoder, path) = pieces else { return }
                            try decoder.decodeMore(
                                .group(elements, firstIndex: firstIndex), at: path, into: &pages[page])
                        })
                if !inPieces {
                    try reader.forEachDocument(in: input, expecting: "a deployment event log") { document, info in
                        _ = try read(document, info)
                    }
                }
            } catch let error as InputError {
                throw error
            } catch {
                throw .unreadable(file: input.name, reason: String(describing: error))
            }
        }
        guard let source = firstSource else {
            throw .unreadable(file: firstInput.name, reason: "no JSON document was found")
        }
        return (pages, source, firstEmptyArray)
    }

    /// Every member any service keeps its events in, in the order the services are tried.
    static let eventArrays: [String] = EventLogSignature.deploymentLogs.reduce(into: []) { names, signature in
        for name in signature.eventArrays where !names.contains(name) { names.append(name) }
    }

    /// The member that usually holds a format's events, for messages about a page without them.
    static func arrayKey(_ source: LifecycleSource) -> String {
        source.signature.eventArrays.first ?? "events"
    }
}
