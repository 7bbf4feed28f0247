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

    /// Writes bytes to standard output, all of them, retrying after interruptions; a closed pipe ends quietly.
    static func write(bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < bytes.count, let base = bytes.baseAddress {
            let written = Glibc.write(STDOUT_FILENO, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
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

    /// Ends the process with `status` at once. Output is written straight to the descriptor (nothing is
    /// buffered), so nothing is lost.
    static func exitNow(status: Int32) -> Never {
        Glibc.exit(status)
    }
}
