import RetraceCore
import StepFunctions
import Testing

/// Pages become executions by their content: ARNs, `ExecutionStarted`, overlaps and id chains.
@Suite("Sorting pages into executions")
struct ExecutionAssemblerTests {
    /// The fingerprints of `texts`, each an input of its own.
    private func fingerprints(_ texts: [String]) throws -> [PageFingerprint] {
        try texts.enumerated().flatMap { index, text in
            try HistoryDecoder().pages(of: InputBuffer(name: "p\(index + 1).json", text: text), inputIndex: index)
                .map { PageFingerprint($0) }
        }
    }

    private func page(_ events: ArraySlice<String>, arn: String? = nil, token: Bool = false) -> String {
        var text = "{\"events\": [\(events.joined(separator: ","))]"
        if let arn { text += ", \"executionArn\": \"\(arn)\"" }
        if token { text += ", \"nextToken\": \"t\"" }
        return text + "}"
    }

    @Test func differentArnsAreDifferentExecutionsEvenWithTheSameEvents() throws {
        let events = try Load.rawEvents("retry_then_success.json")
        let result = ExecutionAssembler().assemble(
            try fingerprints([
                page(events[...], arn: "arn:aws:states:us-east-1:1:execution:M:a"),
                page(events[...], arn: "arn:aws:states:us-east-1:1:execution:M:b"),
            ]))
        #expect(result.executions.map(\.name) == ["a", "b"])
        #expect(result.warnings.isEmpty)
    }

    @Test func pagesOfOneExecutionJoinWhateverTheirOrder() throws {
        let events = try Load.rawEvents("parallel_map_parallel.json")
        let thirds = [events[..<10], events[10..<20], events[20...]]
        let texts = thirds.enumerated().map { page($0.element, token: $0.offset < 2) }
        for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0]] {
            let result = ExecutionAssembler().assemble(try fingerprints(order.map { texts[$0] }))
            #expect(result.executions.count == 1)
            #expect(result.executions.first?.pages.count == 3)
            #expect(result.executions.first?.hasStart == true)
        }
    }

    @Test func twoStartsAreTwoExecutionsAndContinuationsFindTheirOwn() throws {
        let events = try Load.rawEvents("retry_then_success.json")
        // A second execution: the same events a minute later.
        let later = events.map { $0.replacingOccurrences(of: "2024-05-01T10:00:", with: "2024-05-01T10:01:") }
        let split = 6
        let texts = [
            page(events[..<split], token: true), page(later[..<split], token: true),
            page(later[split...]), page(events[split...]),
        ]
        let result = ExecutionAssembler().assemble(try fingerprints(texts))
        #expect(result.executions.count == 2)
        let first = try #require(result.executions.first)
        #expect(first.pages.map(\.input) == ["p1.json", "p4.json"])
        #expect(result.executions.last?.pages.map(\.input) == ["p2.json", "p3.json"])
        #expect(result.warnings.isEmpty, "times tell the continuations apart without doubt")
    }

    @Test func aPageThatFitsTwoExecutionsEquallyIsSaid() throws {
        let events = try Load.rawEvents("retry_then_success.json").map {
            $0.replacingOccurrences(of: "\"timestamp\":\"2024-05-01T10:00:", with: "\"timestamp\":\"x")
        }
        let other = events.map { $0.replacingOccurrences(of: "\"invoke\"", with: "\"invoke-2\"") }
        let texts = [page(events[..<6], token: true), page(other[..<6], token: true), page(events[6...])]
        let result = ExecutionAssembler().assemble(try fingerprints(texts))
        #expect(result.executions.count == 2)
        let warning = try #require(result.warnings.first { $0.code.rawValue == "ambiguous-page" })
        #expect(warning.message.hasPrefix("p3.json could continue 2 executions"))
    }

    @Test func aPageWithoutArnFillsTheGapOfAnExecutionWithOne() throws {
        let events = try Load.rawEvents("retry_then_success.json")
        let arn = "arn:aws:states:us-east-1:1:execution:M:a"
        let texts = [page(events[..<4], arn: arn, token: true), page(events[7...], arn: arn), page(events[4..<7])]
        let result = ExecutionAssembler().assemble(try fingerprints(texts))
        #expect(result.executions.count == 1)
        #expect(result.executions.first?.pages.map(\.input) == ["p1.json", "p3.json", "p2.json"])
    }

    @Test func manyExecutionsInTwoPagesEachFindTheirHalves() throws {
        let events = try Load.rawEvents("retry_then_success.json")
        var texts: [String] = []
        for run in 0..<60 {
            // Each execution an hour after the last, without ARNs: only times tell the second pages apart.
            let hour = run % 24 < 10 ? "0\(run % 24)" : "\(run % 24)"
            let shifted = events.map {
                $0.replacingOccurrences(of: "2024-05-01T10:", with: "2024-05-0\(1 + run / 24)T\(hour):")
            }
            texts += [page(shifted[..<5], token: true), page(shifted[5...])]
        }
        let result = ExecutionAssembler().assemble(try fingerprints(texts.reversed()))
        #expect(result.executions.count == 60)
        #expect(result.executions.allSatisfy { $0.pages.count == 2 && $0.hasStart && $0.terminalType != nil })
        #expect(result.warnings.isEmpty)
    }

    @Test func exactCopiesAreReadOnceAndSaid() throws {
        let events = try Load.rawEvents("retry_then_success.json")
        let text = page(events[...])
        let result = ExecutionAssembler().assemble(try fingerprints([text, text, text]))
        #expect(result.executions.count == 1)
        #expect(result.executions.first?.copies.map(\.input) == ["p2.json", "p3.json"])
        #expect(result.warnings.map(\.code.rawValue) == ["duplicate-page"])
    }

    @Test func conflictingOverlapsKeepExecutionsApart() throws {
        let events = try Load.rawEvents("retry_then_success.json")
        var changed = events
        changed[4] = changed[4].replacingOccurrences(of: "\"invoke\"", with: "\"invoke-other\"")
        let result = ExecutionAssembler().assemble(try fingerprints([page(events[...]), page(changed[...])]))
        #expect(result.executions.count == 2, "same ExecutionStarted, different later events: two executions")
    }

    @Test func aPageAfterTheEndAttachesOnlyWhenNothingElseFits() throws {
        let events = try Load.rawEvents("retry_then_success.json")
        let stray =
            #"{"id": \#(events.count + 1), "previousEventId": 0, "timestamp": "2024-05-01T10:00:09.000Z", "type": "PassStateEntered", "stateEnteredEventDetails": {"name": "Late"}}"#
        let result = ExecutionAssembler().assemble(try fingerprints([page(events[...]), page([stray][...])]))
        #expect(result.executions.count == 1)
    }
}

/// Distributed Map children find their parent by ARN, or by the Map Run's time window.
@Suite("Linking child executions to their Map Run")
struct ExecutionFamilyTests {
    private func execution(
        arn: String? = nil, mapRunArn: String? = nil, start: String?, end: String?,
        mapRuns: [PageFingerprint.MapRunWindow] = []
    ) -> AssembledExecution {
        AssembledExecution(
            pages: [PageOrigin(input: arn ?? "x.json")], copies: [], executionArn: arn, mapRunArn: mapRunArn,
            start: start.flatMap { Instant(parsing: $0) }, end: end.flatMap { Instant(parsing: $0) },
            terminalType: .executionSucceeded, hasStart: true, mapRuns: mapRuns)
    }

    private func run(_ arn: String?, id: Int64, from start: String, to end: String?) -> PageFingerprint.MapRunWindow {
        PageFingerprint.MapRunWindow(
            arn: arn, startedEventID: id, start: Instant(parsing: start), end: end.flatMap { Instant(parsing: $0) })
    }

    @Test func timeWindowsLinkChildrenWithoutArns() {
        let parent = execution(
            start: "2024-05-01T10:00:00Z", end: "2024-05-01T10:02:00Z",
            mapRuns: [run(nil, id: 4, from: "2024-05-01T10:00:01Z", to: "2024-05-01T10:01:00Z")])
        let child = execution(start: "2024-05-01T10:00:02Z", end: "2024-05-01T10:00:30Z")
        let outsider = execution(start: "2024-05-01T11:00:00Z", end: "2024-05-01T11:00:30Z")
        let family = ExecutionFamily([parent, child, outsider])
        #expect(family.links[0] == nil)
        #expect(family.links[1]?.parent == 0)
        #expect(family.links[1]?.mapRunStartedEventID == 4)
        #expect(family.links[2] == nil)
        #expect(family.warnings.isEmpty)
    }

    @Test func twoWindowsClaimingOneChildLinkNeither() {
        let window = run(nil, id: 4, from: "2024-05-01T10:00:01Z", to: "2024-05-01T10:01:00Z")
        let parents = [
            execution(start: "2024-05-01T10:00:00Z", end: "2024-05-01T10:02:00Z", mapRuns: [window]),
            execution(start: "2024-05-01T10:00:00.5Z", end: "2024-05-01T10:02:00Z", mapRuns: [window]),
        ]
        let child = execution(start: "2024-05-01T10:00:02Z", end: "2024-05-01T10:00:30Z")
        let family = ExecutionFamily(parents + [child])
        #expect(family.links[2] == nil)
        #expect(family.warnings.map(\.code.rawValue) == ["ambiguous-child"])
    }

    @Test func arnsDecide() {
        let runArn = "arn:aws:states:us-east-1:1:mapRun:Csv/ProcessCsv:abc"
        let parent = execution(
            arn: "arn:aws:states:us-east-1:1:execution:Csv:run-7", start: "2024-05-01T10:00:00Z",
            end: "2024-05-01T10:02:00Z", mapRuns: [run(runArn, id: 4, from: "2024-05-01T10:00:01Z", to: nil)])
        // A plain execution ARN is nobody's child, even inside the window.
        let plain = execution(
            arn: "arn:aws:states:us-east-1:1:execution:Other:x", start: "2024-05-01T10:00:02Z", end: nil)
        let child = execution(
            arn: "arn:aws:states:us-east-1:1:execution:Csv/ProcessCsv:row-2", start: "2024-05-01T12:00:00Z",
            end: nil)
        let named = execution(mapRunArn: runArn, start: nil, end: nil)
        let orphan = execution(mapRunArn: "arn:aws:states:us-east-1:1:mapRun:Csv/ProcessCsv:zzz", start: nil, end: nil)
        let family = ExecutionFamily([parent, plain, child, named, orphan])
        #expect(family.links[1] == nil)
        #expect(family.links[2]?.parent == 0, "the child ARN names the Map; its time does not matter")
        #expect(family.links[3]?.parent == 0)
        #expect(family.links[4] == nil)
        #expect(family.warnings.map(\.code.rawValue) == ["unlinked-child"])
    }
}
