import Foundation

/// Where the shared corpus of real recorded logs lives: `$RETRACE_CORPUS`, or `../shared/corpus` beside the
/// package. Tests that need it are disabled with `Corpus.missingMessage` when it is absent, so that `swift test`
/// passes on a user's machine without it.
public enum Corpus {
    /// The corpus folder.
    public static var directory: URL {
        if let path = ProcessInfo.processInfo.environment["RETRACE_CORPUS"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return PackagePaths.root.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    }

    /// Whether the corpus is there.
    public static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent("SOURCES.md").path)
    }

    /// Why corpus tests did not run.
    public static var missingMessage: String {
        "corpus not found at \(directory.path); set RETRACE_CORPUS to run the tests on real recorded logs"
    }

    /// Step Functions history files (not the `.asl.json` definitions or `.input.json` inputs beside them).
    public static func stepFunctionsHistories() -> [URL] {
        let folder = directory.appendingPathComponent("stepfunctions")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasSuffix(".asl.json") && !$0.hasSuffix(".input.json") }
            .sorted().map { folder.appendingPathComponent($0) }
    }
}

/// Paths inside this package, found from this file's location.
public enum PackagePaths {
    /// The package root (the folder holding `Package.swift`).
    public static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// A fixture file of a test target: `Tests/<target>/Fixtures/<name>`.
    public static func fixture(_ name: String, target: String) -> URL {
        root.appendingPathComponent("Tests/\(target)/Fixtures/\(name)")
    }

    /// The built `retrace` binary next to the running test bundle.
    public static var retraceBinary: URL {
        let build = root.appendingPathComponent(".build")
        for configuration in ["debug", "release"] {
            let candidate = build.appendingPathComponent(configuration).appendingPathComponent("retrace")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return build.appendingPathComponent("debug/retrace")
    }
}
