import Foundation

/// Encoded logs kept on disk until their turn to be written: an unlinked temporary file that workers append to
/// and the writer reads back in the set's order. Keeps an export's memory flat while letting every execution be
/// encoded the moment it is first analysed, in whatever order the workers finish.
final class Spool: @unchecked Sendable {
    /// Where one encoded log lies in the spool.
    struct Slice: Sendable {
        var offset: Int
        /// For traces, one length; for tables, one per table in `ExportTable.allCases` order.
        var lengths: [Int]
        /// The date partition of table rows.
        var date: String?
    }

    private let descriptor: Int32
    private let lock = NSLock()
    private var end = 0

    init() throws(ExportError) {
        let folder = FileManager.default.temporaryDirectory.path
        var template = Array("\(folder)/retrace-export-XXXXXX".utf8CString)
        let opened = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            let descriptor = mkstemp(base)
            // Gone from the folder at once: the space is given back however the process ends.
            if descriptor >= 0 { unlink(base) }
            return descriptor
        }
        guard opened >= 0 else { throw .cannotWrite(path: folder, reason: String(cString: strerror(errno))) }
        descriptor = opened
    }

    deinit { close(descriptor) }

    /// Appends `encoded`; where it lies.
    func append(_ encoded: EncodedLog) throws(ExportError) -> Slice {
        let parts: [[UInt8]]
        var date: String?
        switch encoded {
        case .bytes(let bytes): parts = [bytes]
        case .rows(let rows, let day):
            parts = ExportTable.allCases.map { rows[$0] ?? [] }
            date = day
        }
        let total = parts.reduce(0) { $0 + $1.count }
        let offset = lock.withLock {
            defer { end += total }
            return end
        }
        var position = offset
        for part in parts where !part.isEmpty {
            let written = part.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(position)) }
            guard written == part.count else {
                throw .cannotWrite(path: "a temporary file", reason: String(cString: strerror(errno)))
            }
            position += part.count
        }
        return Slice(offset: offset, lengths: parts.map(\.count), date: date)
    }

    /// The encoded log at `slice`, as it was appended.
    func read(_ slice: Slice) throws(ExportError) -> EncodedLog {
        var position = slice.offset
        var parts: [[UInt8]] = []
        for length in slice.lengths {
            var bytes = [UInt8](repeating: 0, count: length)
            let read =
                length == 0
                ? 0 : bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, length, off_t(position)) }
            guard read == length else {
                throw .cannotWrite(path: "a temporary file", reason: "could not read back what was written")
            }
            parts.append(bytes)
            position += length
        }
        guard let date = slice.date else { return .bytes(parts.first ?? []) }
        var rows: [ExportTable: [UInt8]] = [:]
        for (table, bytes) in zip(ExportTable.allCases, parts) { rows[table] = bytes }
        return .rows(rows, date: date)
    }
}
