import Foundation
import Rendering
import RetraceCore

/// Where the command writes: results to standard output, errors to standard error.
enum Console {
    /// Writes `text` to standard output as it is.
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { write(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Writes bytes to standard output, all of them, retrying after interruptions. When standard output cannot
    /// take them (a full disk, a closed pipe), the command ends with status 2 and says so: output cut short must
    /// not pass for a result.
    static func write(bytes: UnsafeRawBufferPointer) {
        if let reason = write(bytes: bytes, to: STDOUT_FILENO) {
            error("cannot write to standard output: \(reason)")
            exitNow(status: 2)
        }
    }

    /// Writes bytes to a descriptor, all of them, retrying after interruptions; `nil` when written, else why not.
    static func write(bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> String? {
        var offset = 0
        while offset < bytes.count, let base = bytes.baseAddress {
            let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            offset += written
        }
        return nil
    }

    /// Writes `retrace: message` to standard error, with credentials redacted and control characters made
    /// visible: messages quote file names, execution names and log text.
    static func error(_ message: String) {
        let safe = TerminalText.sanitized(CredentialRedactor.standard.redact(message))
        FileHandle.standardError.write(Data("retrace: \(safe)\n".utf8))
    }

    /// Whether standard output is a terminal (colour and layout for people).
    static var outputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Colour and emphasis for people: on a terminal only, and never with `NO_COLOR` or `TERM=dumb`.
    static var style: TextStyle {
        TextStyle.detect(isTerminal: outputIsTerminal, environment: ProcessInfo.processInfo.environment)
    }

    /// How wide a report for people is: the terminal's width when standard output is one, else 80 (a pipe, a
    /// file, a CI log), so that what is saved reads the same everywhere.
    static var width: Int {
        guard outputIsTerminal else { return 80 }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// Ends the process with `status` at once. Output is written straight to the descriptor (nothing is
    /// buffered), so nothing is lost.
    static func exitNow(status: Int32) -> Never {
        Glibc.exit(status)
    }
}
