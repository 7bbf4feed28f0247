import Foundation
import Rendering

/// Where the command writes: results to standard output, errors to standard error.
enum Console {
    /// Writes `text` to standard output as it is.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes `retrace: message` to standard error.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("retrace: \(message)\n".utf8))
    }

    /// Whether standard output is a terminal (colour and layout for people).
    static var outputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Colour and emphasis for people: on a terminal only, and never with `NO_COLOR` or `TERM=dumb`.
    static var style: TextStyle {
        TextStyle.detect(isTerminal: outputIsTerminal, environment: ProcessInfo.processInfo.environment)
    }
}
