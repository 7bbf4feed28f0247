import Foundation

/// Where `graph` and `timeline` write: a file, or standard output for `-`, in a format chosen by flag or
/// by the file's extension.
enum OutputTarget {
    /// The format asked for with `--format`, else the one the extension of `output` names, else `fallback`.
    /// An extension that names no known format is an error (exit 2) unless `--format` was given.
    static func format<Format>(
        explicit: Format?, output: String, fromExtension: (String) -> Format?, default fallback: Format,
        names: String
    ) throws -> Format {
        if let explicit { return explicit }
        guard output != "-" else { return fallback }
        let pathExtension = URL(fileURLWithPath: output).pathExtension
        guard !pathExtension.isEmpty else { return fallback }
        guard let format = fromExtension(pathExtension) else {
            throw CommandFailure(
                status: 2,
                message: "cannot tell the output format from '\(output)'; use --format \(names), "
                    + "or a file ending in one of them")
        }
        return format
    }

    /// Writes `bytes` to the file `output` (replaced whole, never left half written) or to standard output
    /// for `-`. Binary output is not written to a terminal, where it would only garble the screen.
    static func write(_ bytes: [UInt8], to output: String, isBinary: Bool) throws {
        if output == "-" {
            if isBinary, Console.outputIsTerminal {
                throw CommandFailure(
                    status: 2, message: "not writing a binary picture to the terminal; use -o FILE or a pipe")
            }
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw CommandFailure(status: 2, message: "cannot write \(output): \(error.localizedDescription)")
        }
    }
}
