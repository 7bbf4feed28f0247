import Foundation
import Lifecycles
import RetraceCore
import RetraceTestSupport

/// Where the test data lives, found from this file's path so that tests run from any directory.
enum TestData {
    /// `Tests/LifecyclesTests/Fixtures`.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The shared corpus (located once, by `RetraceTestSupport`).
    static let corpus: URL = Corpus.directory

    /// Whether the corpus is there (tests that need it are disabled otherwise).
    static var hasCorpus: Bool { Corpus.isAvailable }

    /// The JSON files of one corpus folder, sorted by name.
    static func corpusFiles(_ folder: String) -> [String] {
        let directory = corpus.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }

    static func corpusPath(_ folder: String, _ name: String) -> String {
        corpus.appendingPathComponent(folder).appendingPathComponent(name).path
    }

    static func fixturePath(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// Decodes and reconstructs fixture files.
    static func run(fixtures names: String..., source: LifecycleSource? = nil) throws -> LifecycleRun {
        LifecycleRun(log: try LifecycleDecoder(source: source).decode(paths: names.map(fixturePath)))
    }

    /// Decodes text given inline.
    static func decode(_ texts: [(name: String, text: String)], source: LifecycleSource? = nil) throws(InputError)
        -> LifecycleLog
    {
        try LifecycleDecoder(source: source).decode(texts.map { InputBuffer(name: $0.name, text: $0.text) })
    }
}
