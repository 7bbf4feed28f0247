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

    /// Writes `bytes` to standard output for `-`, else to the file `output` (see `stream`).
    static func write(_ bytes: [UInt8], to output: String, isBinary: Bool) throws {
        try stream(to: output, isBinary: isBinary) { write in try write(bytes) }
    }

    /// Writes what `produce` hands its writer, in order, to standard output for `-`, else to the file `output`:
    /// a page of tens of megabytes goes out as it is made, in large chunks, never gathered into one buffer.
    ///
    /// A regular file (or a new path) is written beside itself under a temporary name and renamed into place when
    /// whole: never left half written, and not created when `produce` throws. Anything else that exists at the
    /// path — a symbolic link, a FIFO, a device such as `/dev/null` — is written through, as `cat > PATH` would:
    /// renaming over it would replace the link or the device node with a plain file. Binary output is not written
    /// to a terminal, where it would only garble the screen.
    static func stream(
        to output: String, isBinary: Bool, _ produce: (_ write: ([UInt8]) throws -> Void) throws -> Void
    ) throws {
        if output == "-" {
            if isBinary, Console.outputIsTerminal {
                throw CommandFailure(
                    status: 2, message: "not writing a binary picture to the terminal; use -o FILE or a pipe")
            }
            try produce { chunk in chunk.withUnsafeBytes { Console.write(bytes: $0) } }
            return
        }
        var status = stat()
        if lstat(output, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG {
            let descriptor = open(output, O_WRONLY | O_TRUNC)
            guard descriptor >= 0 else {
                throw CommandFailure(status: 2, message: "cannot write \(output): \(String(cString: strerror(errno)))")
            }
            defer { close(descriptor) }
            try writeAll(produce, to: descriptor, named: output)
            return
        }
        // Beside the file, so that the rename stays on one file system.
        var template = Array("\(output).retrace-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard descriptor >= 0 else {
            throw CommandFailure(status: 2, message: "cannot write \(output): \(String(cString: strerror(errno)))")
        }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var renamed = false
        defer { if !renamed { unlink(temporary) } }
        do {
            defer { close(descriptor) }
            // As a new file would be made: readable by others unless the umask says otherwise (mkstemp gives 0600).
            let mask = umask(0)
            umask(mask)
            fchmod(descriptor, 0o666 & ~mask)
            try writeAll(produce, to: descriptor, named: output)
        }
        guard rename(temporary, output) == 0 else {
            throw CommandFailure(status: 2, message: "cannot write \(output): \(String(cString: strerror(errno)))")
        }
        renamed = true
    }

    /// Runs `produce` with a writer to `descriptor` that gathers small pieces into chunks of a megabyte and hands
    /// large ones to the system as they are.
    private static func writeAll(
        _ produce: (_ write: ([UInt8]) throws -> Void) throws -> Void, to descriptor: Int32, named output: String
    ) throws {
        let chunk = 1 << 20
        var pending: [UInt8] = []
        pending.reserveCapacity(chunk)
        func send(_ bytes: [UInt8]) throws {
            if let reason = bytes.withUnsafeBytes({ Console.write(bytes: $0, to: descriptor) }) {
                throw CommandFailure(status: 2, message: "cannot write \(output): \(reason)")
            }
        }
        try produce { bytes in
            if pending.count + bytes.count <= chunk {
                pending += bytes
                return
            }
            try send(pending)
            pending.removeAll(keepingCapacity: true)
            if bytes.count >= chunk { try send(bytes) } else { pending += bytes }
        }
        try send(pending)
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
