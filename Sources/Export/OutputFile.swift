import Foundation

/// A file written through a buffer, or standard output for `-`: what an export streams into. Errors name the
/// path, so a full disk or a closed pipe is reported, not ignored.
final class OutputFile {
    let path: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private static let capacity = 1 << 16

    /// Creates (or truncates) the file at `path`; `-` is standard output.
    init(path: String) throws(ExportError) {
        self.path = path
        if path == "-" {
            descriptor = STDOUT_FILENO
        } else {
            descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
        }
        buffer.reserveCapacity(OutputFile.capacity)
    }

    func write(_ bytes: [UInt8]) throws(ExportError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= OutputFile.capacity { try flush() }
    }

    func flush() throws(ExportError) {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw in
                Foundation.write(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and closes the file.
    func close() throws(ExportError) {
        try flush()
        guard descriptor != STDOUT_FILENO else { return }
        if Foundation.close(descriptor) != 0 {
            throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
    }
}
