import Foundation
import RetraceTestSupport

/// The corpus's recorded histories and their definitions, in `stepfunctions/` of the shared corpus (located by
/// `RetraceTestSupport`).
enum CorpusLocation {
    static var stepFunctions: URL { Corpus.directory.appendingPathComponent("stepfunctions") }

    static var isAvailable: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: stepFunctions.path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    /// The names (without `.asl.json`) of every definition in the corpus, sorted.
    static var definitionNames: [String] {
        guard isAvailable,
            let files = try? FileManager.default.contentsOfDirectory(atPath: stepFunctions.path)
        else { return [] }
        return files.filter { $0.hasSuffix(".asl.json") }.map { String($0.dropLast(".asl.json".count)) }.sorted()
    }
}
