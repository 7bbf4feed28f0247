/// Why an input could not be used. Every case names the file and, where it can, the line and column.
///
/// Messages are written for the person who ran the command; the command-line tool prints them as they are
/// and exits with status 2.
public enum InputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadable(file: String, reason: String)
    /// A folder given as input holds no file that could be a log.
    case emptyFolder(String)
    /// The file holds nothing but white space.
    case empty(file: String, expected: String)
    /// The bytes are not valid JSON; `message` says what was expected at `position`.
    case malformedJSON(SourcePosition, message: String)
    /// The bytes are not valid YAML; `message` says what the YAML parser expected at `position`.
    case malformedYAML(SourcePosition, message: String)
    /// Valid JSON whose shape is not what the format requires at `position` (`path` is a JSON path).
    case unexpectedValue(SourcePosition, path: String, expected: String, found: String)
    /// Valid JSON that is not the kind of log expected; `looksLike` says what it seems to be instead.
    case unrecognised(file: String, expected: String, looksLike: String)
    /// No such file, and the path is an ARN or URL: says how to fetch what it names. (Last, so that the cases
    /// before it keep their places: code built against the enum without it still matches them.)
    case remote(RemoteReference)

    /// A message for people: where, then what was expected and what was found.
    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot read the file: \(reason)"
        case .emptyFolder(let folder):
            return "\(folder): the folder holds no .json or .jsonl file"
        case .empty(let file, let expected):
            return "\(file): the file is empty; expected \(expected)"
        case .malformedJSON(let position, let message):
            return "\(position): not valid JSON: \(message)"
        case .malformedYAML(let position, let message):
            return "\(position): not valid YAML: \(message)"
        case .unexpectedValue(let position, let path, let expected, let found):
            return "\(position): expected \(expected) at \(path), found \(found)"
        case .unrecognised(let file, let expected, let looksLike):
            return "\(file): expected \(expected), but this looks like \(looksLike)"
        case .remote(let reference):
            return "\(reference.text): not a file: \(reference.advice)"
        }
    }
}
