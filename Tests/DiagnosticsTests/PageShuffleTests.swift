import Diagnostics
import Foundation
import RetraceCore
import RetraceTestSupport
import StepFunctions
import Testing

/// The order, number and split of the files given never change an answer: every history, cut into pages of random
/// sizes, some newest first, shuffled, with some pages given twice and several pages to a file, is analysed exactly
/// as the history given whole.
@Suite("Pages in any order give the same analysis")
struct PageShuffleTests {
    static var histories: [URL] {
        var urls = ["Samples"].flatMap { folder in
            jsonFiles(in: PackagePaths.root.appendingPathComponent(folder))
        }
        urls += jsonFiles(in: PackagePaths.root.appendingPathComponent("Tests/StepFunctionsTests/Fixtures"))
        urls += jsonFiles(in: PackagePaths.root.appendingPathComponent("Tests/DiagnosticsTests/Fixtures"))
        if Corpus.isAvailable { urls += Corpus.stepFunctionsHistories() }
        return urls
    }

    private static func jsonFiles(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test(arguments: histories)
    func splitShuffledAndCopiedPagesGiveTheSameAnalysis(_ url: URL) throws {
        let original = try analyze([url.path])
        let events = try rawEvents(url)
        try #require(events.count > 0)
        for seed in UInt64(1)...4 {
            var random = SplitMix64(seed: seed &* 0x9E37_79B9 &+ UInt64(events.count))
            let folder = try temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            try writePages(of: events, into: folder, random: &random)
            let set = try LogSet.load([folder.path])
            #expect(set.executions.count == 1, "seed \(seed): \(set.executions.map(\.name))")
            #expect(!set.warnings.contains { $0.code.rawValue == "ambiguous-page" }, "seed \(seed)")
            let entry = try #require(set.executions.first)
            let shuffled = try set.analyze(entry)
            #expect(shuffled.tree.events == original.tree.events, "seed \(seed)")
            #expect(shuffled.tree.visits == original.tree.visits, "seed \(seed)")
            #expect(shuffled.tree.runs == original.tree.runs, "seed \(seed)")
            #expect(shuffled.tree.outcome == original.tree.outcome, "seed \(seed)")
            #expect(shuffled.tree.history.completeness == original.tree.history.completeness, "seed \(seed)")
            #expect(shuffled.tree.warnings == original.tree.warnings, "seed \(seed)")
            #expect(shuffled.diagnosis == original.diagnosis, "seed \(seed)")
        }
    }

    private func analyze(_ paths: [String]) throws -> AnalyzedExecution {
        let set = try LogSet.load(paths)
        return try set.analyze(try #require(set.executions.first))
    }

    /// Each event's JSON text as written, in the file's order (key order kept, unlike a round trip through
    /// `JSONSerialization`).
    private func rawEvents(_ url: URL) throws -> [(id: Int64, text: String)] {
        let input = try InputBuffer.read(path: url.path)
        var events: [(id: Int64, text: String)] = []
        try JSONReader().forEachDocument(in: input, expecting: "a history") { document, _ in
            let array = document.kind == .array ? document : document["events"]
            for event in array?.elements ?? JSONElement.Elements.empty {
                events.append((event["id"]?.integer ?? 0, event.minifiedText))
            }
        }
        return events
    }

    /// Cuts the events (oldest first) into pages of random sizes; a page with two or more numbered events is
    /// sometimes written newest first, as `reverseOrder` lists them; every page but the newest carries
    /// `nextToken`; some pages are given twice; pages are shuffled and written one, two or three to a file.
    private func writePages(
        of events: [(id: Int64, text: String)], into folder: URL, random: inout SplitMix64
    ) throws {
        let ascending =
            events.filter { $0.id > 0 }.first.map { first in
                events.last { $0.id > 0 }.map { first.id <= $0.id } ?? true
            } ?? true
        let ordered = ascending ? events : events.reversed()
        let maxID = ordered.map(\.id).max() ?? 0
        var pages: [String] = []
        var start = 0
        while start < ordered.count {
            var size = 1 + Int(random.next() % UInt64(max(1, ordered.count / 2)))
            // A page of masked events alone (LocalStack's `[0]` ids) has nothing to place it by; real pages
            // always hold numbered events.
            while start + size < ordered.count, !ordered[start..<start + size].contains(where: { $0.id > 0 }) {
                size += 1
            }
            var page = Array(ordered[start..<min(start + size, ordered.count)])
            start += size
            let holdsNewest = page.contains { $0.id == maxID }
            var newestFirst = false
            if page.filter({ $0.id > 0 }).count >= 2, random.next() % 3 == 0 {
                page.reverse()
                newestFirst = true
            }
            let token = holdsNewest && !newestFirst ? "" : ", \"nextToken\": \"token-\(pages.count)\""
            pages.append("{\"events\": [\(page.map(\.text).joined(separator: ","))]\(token)}")
        }
        for index in pages.indices where random.next() % 5 == 0 { pages.append(pages[index]) }
        for index in pages.indices.reversed() {
            let other = Int(random.next() % UInt64(index + 1))
            pages.swapAt(index, other)
        }
        var file = 0
        var position = 0
        while position < pages.count {
            let count = 1 + Int(random.next() % 3)
            let text = pages[position..<min(position + count, pages.count)].joined(separator: "\n")
            position += count
            try text.write(
                to: folder.appendingPathComponent("page-\(file).json"), atomically: true, encoding: .utf8)
            file += 1
        }
    }

    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("retrace-pages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
