import Diagnostics
import Foundation
import Lifecycles
import RetraceCore
import RetraceTestSupport

/// Fixtures (shared with the Lifecycles tests) and the corpus, found from this file's path.
enum LifecycleTestData {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("LifecyclesTests/Fixtures")

    static let corpus: URL = Corpus.directory

    static var hasCorpus: Bool { Corpus.isAvailable }

    /// Decodes, reconstructs and diagnoses fixture files.
    static func diagnose(fixtures names: String...) throws -> (LifecycleRun, Diagnosis) {
        let paths = names.map { fixtures.appendingPathComponent($0).path }
        let run = LifecycleRun(log: try LifecycleDecoder().decode(paths: paths))
        return (run, LifecycleDiagnoser.diagnose(run))
    }

    /// Decodes, reconstructs and diagnoses one corpus file.
    static func diagnose(corpus folder: String, _ name: String) throws -> (LifecycleRun, Diagnosis) {
        let path = corpus.appendingPathComponent(folder).appendingPathComponent(name).path
        let run = LifecycleRun(log: try LifecycleDecoder().decode(paths: [path]))
        return (run, LifecycleDiagnoser.diagnose(run))
    }

    /// Decodes, reconstructs and diagnoses inline text.
    static func diagnose(text: String) throws -> (LifecycleRun, Diagnosis) {
        let run = LifecycleRun(log: try LifecycleDecoder().decode([InputBuffer(name: "inline.json", text: text)]))
        return (run, LifecycleDiagnoser.diagnose(run))
    }

    /// Every text of a diagnosis, as a renderer could print it.
    static func allText(_ diagnosis: Diagnosis) -> String {
        var text = ""
        dump(diagnosis, to: &text)
        for finding in [diagnosis.rootCause].compactMap({ $0 }) + diagnosis.findings {
            text += [
                finding.title, finding.explanation, finding.remedy ?? "", finding.cause ?? "", finding.error ?? "",
                finding.location.pathDescription, finding.evidence.joined(separator: " "),
            ].joined(separator: "\n")
        }
        return text
    }
}
