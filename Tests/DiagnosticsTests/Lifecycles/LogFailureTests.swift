import Lifecycles
import Testing

@testable import Diagnostics

/// Which lines of an attached log report a failure: words, not pieces of identifiers.
@Suite("Log lines that report a failure")
struct LogFailureTests {
    @Test(arguments: [
        "Stdout: [2024-05-02T09:41:22+00:00] FATAL: Stacktrace dumped", "Step InstallCookbook: Failed",
        "Mixlib::ShellOut::ShellCommandFailed", "ERROR snapshot apply failed", "3 errors found", "failure",
        "Image transitioned to FAILED state",
    ])
    func reportsAFailure(_ line: String) {
        #expect(LogFailure.reportsFailure(line))
    }

    @Test(arguments: [
        "Stdout:     ignore_failure false", "Stdout: retries 3", "no terrors here", "on_error_continue true",
        "Step UpdateOS: Success", "Stderr: ",
    ])
    func reportsNoFailure(_ line: String) {
        #expect(!LogFailure.reportsFailure(line))
    }

    @Test func withoutStepOutputTheLastFailingLineCounts() throws {
        let log = AttachedLog(
            name: "server.log",
            lines: ["INFO up", "ERROR slot 3 is empty", "INFO ending the game session"].map {
                AttachedLog.Line(time: nil, message: $0)
            })
        let failure = try #require(LogFailure(log))
        #expect(failure.line == "ERROR slot 3 is empty")
        #expect(failure.excerpt == ["INFO up", "ERROR slot 3 is empty"])
        #expect(
            LogFailure(AttachedLog(name: "quiet.log", lines: [AttachedLog.Line(time: nil, message: "INFO up")])) == nil)
    }
}
