import Foundation
import RetraceTestSupport

/// Runs the built `retrace` binary as a user would and captures what it prints.
struct RetraceCommand {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(
        _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:], executable: URL? = nil,
        workingDirectory: URL? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable ?? PackagePaths.retraceBinary
        process.arguments = arguments
        process.currentDirectoryURL = workingDirectory ?? PackagePaths.root
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NO_COLOR")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes before waiting, so a large output cannot block the child.
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self))
    }

    static func sample(_ name: String) -> String { "Samples/\(name)" }
    static func fixture(_ name: String) -> String { "Tests/StepFunctionsTests/Fixtures/\(name)" }

    static func temporaryFile(_ contents: String, name: String = "input.json") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("retrace-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try contents.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}
