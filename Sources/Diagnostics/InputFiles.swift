import Foundation
import RetraceCore

/// The files behind the paths a user gives: a file as it is, `-` for standard input, and a folder as every
/// `*.json` and `*.jsonl` file under it (sorted, hidden ones left out), with a word about the files passed over.
public struct InputFiles: Sendable {
    /// One input to read.
    public struct File: Sendable, Hashable {
        /// The path, or `-`.
        public var path: String
        /// The size in bytes, when known before reading (0 for standard input).
        public var size: Int
        /// The folder it was found in, when it was not named itself: such a file that is not an event log (a
        /// definition, an input beside the histories) is passed over with a word, not an error.
        public var folder: String?
    }

    /// The inputs, in the order given (a folder's files sorted by path).
    public var files: [File] = []
    /// Files in folders that were not read, and why.
    public var warnings: [LogWarning] = []

    /// The file endings read from folders.
    public static let extensions: Set<String> = ["json", "jsonl"]

    /// Whether `path` names a folder (whose files are read), not a file or `-`.
    public static func isFolder(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return path != "-" && FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
    }

    /// Expands `paths`.
    ///
    /// - Throws: `InputError.emptyFolder` for a folder with nothing to read.
    public init(_ paths: [String]) throws(InputError) {
        let manager = FileManager.default
        for path in paths {
            var isFolder: ObjCBool = false
            if path == "-" || !manager.fileExists(atPath: path, isDirectory: &isFolder) || !isFolder.boolValue {
                let size = (try? manager.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                files.append(File(path: path, size: size, folder: nil))
                continue
            }
            var found: [File] = []
            var skipped: [String] = []
            let root = URL(fileURLWithPath: path)
            let enumerator = manager.enumerator(at: root, includingPropertiesForKeys: [], options: [.skipsHiddenFiles])
            while let url = enumerator?.nextObject() as? URL {
                // stat(2) directly: Foundation's resource values cost more than reading a small file.
                var status = stat()
                guard stat(url.path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { continue }
                let relative = String(url.path.dropFirst(root.path.count).drop { $0 == "/" })
                let shown = path.hasSuffix("/") ? path + relative : path + "/" + relative
                if Self.extensions.contains(url.pathExtension.lowercased()) {
                    found.append(File(path: shown, size: Int(status.st_size), folder: path))
                } else {
                    skipped.append(relative)
                }
            }
            guard !found.isEmpty else {
                throw .emptyFolder(path)
            }
            files += found.sorted { $0.path < $1.path }
            if !skipped.isEmpty {
                skipped.sort()
                let shown = skipped.prefix(5).joined(separator: ", ") + (skipped.count > 5 ? ", …" : "")
                warnings.append(
                    LogWarning(
                        code: .inputSkipped,
                        message:
                            "\(skipped.count) file\(skipped.count == 1 ? "" : "s") in \(path) \(skipped.count == 1 ? "is" : "are") "
                            + "not .json or .jsonl and \(skipped.count == 1 ? "was" : "were") not read (\(shown))"))
            }
        }
    }
}
