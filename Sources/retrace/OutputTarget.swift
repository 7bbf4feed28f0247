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

    /// The folder that `-o` names when several logs are drawn: an existing folder, or a new one for a path
    /// without an extension. Anything else is an error that says so.
    static func folder(_ output: String, count: Int) throws -> URL {
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: output, isDirectory: &isFolder)
        guard output != "-", isFolder.boolValue || (!exists && URL(fileURLWithPath: output).pathExtension.isEmpty)
        else {
            throw CommandFailure(
                status: 2,
                message: "the inputs hold \(count) executions or logs; name a folder with -o DIR to write one file "
                    + "for each (or give the inputs of one execution)")
        }
        let url = URL(fileURLWithPath: output, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure(
                status: 2, message: "cannot create the folder \(output): \(error.localizedDescription)")
        }
        return url
    }

    /// A file name for a log's picture: its name with anything but letters, digits, `-`, `_` and `.` replaced,
    /// made unique among `taken`.
    static func fileName(for name: String, extension ext: String, taken: inout Set<String>) -> String {
        var stem = String(
            name.unicodeScalars.map { scalar in
                CharacterSet.alphanumerics.contains(scalar) || "-_.".unicodeScalars.contains(scalar)
                    ? Character(scalar) : "_"
            }
        ).trimmingCharacters(in: CharacterSet(charactersIn: "."))
        if stem.hasSuffix(".json") { stem.removeLast(5) }
        if stem.isEmpty { stem = "execution" }
        stem = String(stem.prefix(120))
        var candidate = "\(stem).\(ext)"
        var number = 2
        while taken.contains(candidate) {
            candidate = "\(stem)-\(number).\(ext)"
            number += 1
        }
        taken.insert(candidate)
        return candidate
    }
}
