import Foundation

/// Ends the process with one line and status 70 when a defect in Retrace traps (a failed precondition, an
/// overflow, a bad access), instead of the Swift runtime's backtrace: a user should see what happened and what to
/// do, not a page of frames. Installed first thing in `main`, over the runtime's own handlers.
enum InternalErrorHandler {
    /// The status for a defect in the program (`EX_SOFTWARE` in sysexits.h).
    static let status: Int32 = 70

    /// The line written, prepared in advance: a signal handler may not allocate.
    nonisolated(unsafe) private static var message: UnsafeMutableBufferPointer<UInt8> = {
        let text = Array(
            ("retrace: internal error: this is a defect in retrace, not in your input; please report it with the "
                + "command and the input that caused it\n").utf8)
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: text.count)
        _ = buffer.initialize(from: text)
        return buffer
    }()

    /// Installs the handler for the signals a trap or a bad access raises.
    static func install() {
        _ = message
        let handler: @convention(c) (Int32) -> Void = { _ in
            let buffer = InternalErrorHandler.message
            _ = Glibc.write(STDERR_FILENO, buffer.baseAddress, buffer.count)
            _exit(InternalErrorHandler.status)
        }
        var action = sigaction()
        action.__sigaction_handler = .init(sa_handler: handler)
        sigemptyset(&action.sa_mask)
        for signal in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT] { sigaction(signal, &action, nil) }
    }

    /// Traps on purpose when `RETRACE_TEST_INTERNAL_ERROR` is set: how the test suite proves the handler is there.
    static func trapIfAsked() {
        guard ProcessInfo.processInfo.environment["RETRACE_TEST_INTERNAL_ERROR"] != nil else { return }
        let values = [Int](repeating: 0, count: 1)
        _ = values[Int(getpid()) % 1 + 1]
    }
}
