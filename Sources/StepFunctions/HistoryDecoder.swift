import RetraceCore

/// Turns the bytes of one or more inputs into a `History`.
///
/// Accepts everything a user may hold: `{"events": [...], "nextToken": …}` pages (AWS CLI, boto3 dumps with
/// `ResponseMetadata`), bare event arrays, single events per line (JSON Lines), several pages in one file or
/// across files, overlapping pages, newest-first order, payloads as JSON-encoded strings or as decoded values.
public struct HistoryDecoder: Sendable {
    /// Creates a decoder.
    public init() {}

    /// Decodes and merges the inputs.
    ///
    /// - Throws: `InputError` naming the file, line and column when an input is not JSON, not a history, or
    ///   holds a value of the wrong type where the API model fixes one.
    public func decode(_ inputs: [InputBuffer]) throws -> History {
        var collector = EventCollector()
        for input in inputs {
            // One reader per input: payloads borrowed from a parser's buffer keep that parser alive.
            let reader = JSONReader()
            try reader.forEachDocument(in: input, expecting: EventLogKind.stepFunctionsHistory.description) {
                document, info in
                collector.pageCount += 1
                do {
                    let source = EventDecoder.PayloadSource(reader: reader, info: info)
                    try decodeDocument(document, source: source, file: input.name, into: &collector)
                } catch let problem as ShapeProblem {
                    throw problem.inputError(in: input, documentOffset: info.offset)
                }
            }
            collector.byteCount += input.count
        }
        return collector.finish(sources: inputs.map(\.name))
    }

    private func decodeDocument(
        _ document: JSONElement, source: EventDecoder.PayloadSource, file: String, into collector: inout EventCollector
    ) throws {
        let kind = EventLogKind.detect(document)
        guard kind == .stepFunctionsHistory else {
            throw ShapeProblem.notAHistory(kind)
        }
        switch document.kind {
        case .array:
            try decodeEvents(document, path: [], source: source, file: file, into: &collector)
        case .object:
            if let events = document["events"] {
                guard events.kind == .array else {
                    throw ShapeProblem(path: [.key("events")], expected: "an array of events", found: events)
                }
                try decodeEvents(events, path: [.key("events")], source: source, file: file, into: &collector)
                if collector.executionArn == nil, let arn = document["executionArn"]?.string {
                    collector.executionArn = arn
                }
            } else {
                collector.beginPage()
                collector.add(try EventDecoder.decode(document, path: [], source: source), source: file)
            }
        default:
            throw ShapeProblem.notAHistory(kind)
        }
    }

    private func decodeEvents(
        _ array: JSONElement, path: [JSONPathComponent], source: EventDecoder.PayloadSource, file: String,
        into collector: inout EventCollector
    ) throws {
        collector.beginPage()
        for (index, element) in array.elements.enumerated() {
            collector.add(try EventDecoder.decode(element, path: path + [.index(index)], source: source), source: file)
        }
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
        self.found = found.kind.described
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
