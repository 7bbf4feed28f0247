/// Why an export could not be written; each message names the path and says what to do.
public enum ExportError: Error, Sendable, CustomStringConvertible, Equatable {
    /// A file or folder could not be created or written.
    case cannotWrite(path: String, reason: String)
    /// NDJSON tables go into a folder, and the path names something else.
    case notAFolder(path: String)
    /// `--partition` was asked for a format that is not tables.
    case partitionNeedsTables(ExportFormat)

    /// The message for people.
    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
        case .notAFolder(let path):
            return "NDJSON tables are written into a folder, and \(path) is a file; name a folder with -o DIR"
        case .partitionNeedsTables(let format):
            return "--partition partitions NDJSON tables by date; --format \(format.rawValue) writes one file"
        }
    }
}
