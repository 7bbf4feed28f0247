import Foundation
import RetraceTestSupport
import Testing

/// Where results go: through links and devices as `cat > PATH` would, and never cut short in silence.
@Suite("Writing results")
struct OutputTargetTests {
    @Test func aSymbolicLinkIsWrittenThroughAndStaysALink() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("retrace-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = folder.appendingPathComponent("target.dot")
        try Data().write(to: target)
        let link = folder.appendingPathComponent("link.dot")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        let result = try RetraceCommand.run(["graph", "-o", link.path, RetraceCommand.sample("order-success.json")])
        #expect(result.status == 0)
        let attributes = try FileManager.default.attributesOfItem(atPath: link.path)
        #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink)
        #expect(try String(contentsOf: target, encoding: .utf8).hasPrefix("digraph"))
    }

    @Test func aDeviceStaysADevice() throws {
        let result = try RetraceCommand.run(["graph", "-o", "/dev/null", RetraceCommand.sample("order-success.json")])
        #expect(result.status == 0)
        let attributes = try FileManager.default.attributesOfItem(atPath: "/dev/null")
        #expect(attributes[.type] as? FileAttributeType == .typeCharacterSpecial)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full"))
    func aFullDiskEndsWithStatusTwoAndSaysSo() throws {
        for arguments in [
            ["analyze", RetraceCommand.sample("map-failure.json")],
            ["analyze", "--format", "json", RetraceCommand.sample("map-failure.json")],
            ["graph", "--format", "dot", RetraceCommand.sample("map-failure.json")],
        ] {
            let process = Process()
            process.executableURL = PackagePaths.retraceBinary
            process.arguments = arguments
            process.currentDirectoryURL = PackagePaths.root
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 2, "\(arguments)")
            #expect(message == "retrace: cannot write to standard output: No space left on device\n", "\(arguments)")
        }
    }
}

/// A defect shows one line and status 70, never the runtime's backtrace.
@Suite("Internal errors")
struct InternalErrorTests {
    @Test func aTrapEndsWithOneLineAndStatusSeventy() throws {
        let result = try RetraceCommand.run(
            ["analyze", RetraceCommand.sample("order-success.json")], environment: ["RETRACE_TEST_INTERNAL_ERROR": "1"])
        #expect(result.status == 70)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr.hasSuffix(
                "retrace: internal error: this is a defect in retrace, not in your input; "
                    + "please report it with the command and the input that caused it\n"))
        #expect(!result.stderr.contains("Backtrac") && !result.stderr.contains("Thread 0"))
    }
}
