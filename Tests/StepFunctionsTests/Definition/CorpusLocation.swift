import Foundation

/// Where the shared corpus of recorded histories and their definitions lives: `$RETRACE_CORPUS/stepfunctions`, or
/// `../shared/corpus/stepfunctions` next to the package root (found from this file's path).
enum CorpusLocation {
    static var stepFunctions: URL {
        if let root = ProcessInfo.processInfo.environment["RETRACE_CORPUS"], !root.isEmpty {
            return URL(fileURLWithPath: root).appendingPathComponent("stepfunctions")
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Definition
            .deletingLastPathComponent()  // StepFunctionsTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/stepfunctions")
    }

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
