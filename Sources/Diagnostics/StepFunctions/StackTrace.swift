import Foundation
import RetraceCore

/// A stack trace as a Lambda runtime records it in an error cause, read into frames innermost first, so that the
/// report can point at the line that raised the error (Python lists frames outermost first and raises in its last
/// frame; Node.js, Java, .NET, Go and Ruby list the raising frame first) and at the handler that called it.
public struct StackTrace: Sendable, Hashable {
    /// The runtime whose conventions the trace follows.
    public enum Runtime: String, Sendable {
        case python, node, java, dotnet, go, ruby
    }

    /// Which runtime wrote it.
    public var runtime: Runtime
    /// Every frame, innermost (where the error was raised) first.
    public var frames: [SourceFrame]

    /// The innermost frame of the function's own code: where the error was raised. When every frame belongs to
    /// the runtime or a library, the innermost frame.
    public var raisedAt: SourceFrame? { frames.first(where: Self.isOwnCode) ?? frames.first }

    /// The outermost frame of the function's own code (its handler), when it differs from `raisedAt`.
    public var handlerAt: SourceFrame? {
        guard let handler = frames.last(where: Self.isOwnCode), handler != raisedAt else { return nil }
        return handler
    }

    /// Reads the trace of a Lambda error object (`stackTrace`, or Node.js's `trace`); `nil` when there is none
    /// or no frame can be read.
    public init?(lambdaError object: JSONObject) {
        guard let entries = (object["stackTrace"] ?? object["trace"] ?? object["StackTrace"])?.arrayValue,
            !entries.isEmpty
        else { return nil }
        if let trace = Self.read(entries) {
            self = trace
        } else {
            return nil
        }
    }

    /// Reads a trace printed as text (a Java `printStackTrace`, a Node.js `stack`, a Python traceback).
    /// Only the first `scannedLines` lines of the first 32 KiB are read: a printed trace opens a cause, and a cause
    /// of megabytes must not cost more than its first page.
    public init?(text: String) {
        let head = text.utf8.prefix(Self.scannedBytes)
        let split = head.split(separator: UInt8(ascii: "\n"), maxSplits: Self.scannedLines)
        let lines = split.prefix(Self.scannedLines).filter { $0.count <= Self.longestFrame }
            .map { JSONValue.string(String(decoding: $0, as: UTF8.self)) }
        guard let trace = Self.read(lines) else { return nil }
        self = trace
    }

    /// How much of a trace is read: enough for any real trace's frames.
    static let scannedLines = 64
    static let scannedBytes = 32_768
    /// Lines longer than this are not frames (a Python frame line with its source line is a few hundred bytes).
    static let longestFrame = 2_048
    /// Lines the runtime is told from.
    static let sampledLines = 24

    /// Whether a line can be a frame at all: every form names a line number, or (Java, .NET without symbols) a
    /// method call. Most lines of a long message are passed over here, before any reader looks at them.
    static func mayBeFrame(_ line: Substring) -> Bool {
        line.utf8.contains { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") || $0 == UInt8(ascii: "(") }
    }

    private init(runtime: Runtime, frames: [SourceFrame]) {
        self.runtime = runtime
        self.frames = frames
    }

    // MARK: Reading

    private static func read(_ entries: [JSONValue]) -> StackTrace? {
        // Go panics: objects with path, line and label, innermost first.
        let goFrames = entries.compactMap { entry -> SourceFrame? in
            guard let object = entry.objectValue, let path = object["path"]?.stringValue else { return nil }
            return SourceFrame(
                file: trimmed(path), line: object["line"]?.doubleValue.map { Int($0) },
                function: object["label"]?.stringValue)
        }
        if !goFrames.isEmpty { return StackTrace(runtime: .go, frames: goFrames) }
        // Python's older form: [file, line, function, code], outermost first.
        let pythonArrays = entries.compactMap { entry -> SourceFrame? in
            guard let parts = entry.arrayValue, parts.count >= 3, let file = parts[0].stringValue else { return nil }
            return SourceFrame(
                file: trimmed(file), line: parts[1].doubleValue.map { Int($0) }, function: parts[2].stringValue)
        }
        if !pythonArrays.isEmpty { return StackTrace(runtime: .python, frames: pythonArrays.reversed()) }

        let strings = entries.compactMap(\.stringValue)
        // Python raises in its last frame and calls the handler in its first: a long trace is read at both ends.
        let kept =
            strings.count > Self.scannedLines
            ? Array(strings.prefix(Self.scannedLines / 4) + strings.suffix(Self.scannedLines * 3 / 4)) : strings
        let lines = kept.flatMap { $0.utf8.count > Self.scannedBytes ? [] : Self.lines(of: $0) }
            .filter { $0.utf8.count <= Self.longestFrame && Self.mayBeFrame($0) }
            .map { line in
                // Trimmed by hand, byte by byte: Foundation's trimming converts to UTF-16 on every call, and a walk
                // by Character breaks graphemes.
                let bytes = line.utf8
                let start = bytes.firstIndex { $0 != 0x20 && $0 != 0x09 } ?? bytes.endIndex
                let end = bytes.lastIndex { $0 != 0x20 && $0 != 0x09 }.map(bytes.index(after:)) ?? start
                return String(line[start..<max(start, end)])
            }
        // The runtime whose frame form reads the most of the first lines (a Java "Native Method" frame also reads as
        // .NET); then only its reader reads the rest.
        let sample = lines.prefix(Self.sampledLines)
        var best: (runtime: Runtime, reader: @Sendable (String) -> SourceFrame?, count: Int)?
        for (runtime, reader) in lineReaders {
            let count = sample.count { reader($0) != nil }
            if count > (best?.count ?? 0) { best = (runtime, reader, count) }
        }
        guard let best else { return nil }
        let frames = lines.compactMap(best.reader)
        return StackTrace(runtime: best.runtime, frames: best.runtime == .python ? frames.reversed() : frames)
    }

    /// The lines of `text`, split at every newline. ASCII text (every real trace) is split byte by byte; other
    /// text by Character, which also knows the Unicode line separators.
    private static func lines(of text: String) -> [Substring] {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return text.split(whereSeparator: \.isNewline) }
        var lines: [Substring] = []
        var start = text.utf8.startIndex
        var index = start
        let bytes = text.utf8
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte >= 0x0A && byte <= 0x0D {
                if start < index { lines.append(text[start..<index]) }
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        if start < bytes.endIndex { lines.append(text[start...]) }
        return lines
    }

    /// One reader per runtime's frame line.
    private static let lineReaders: [(Runtime, @Sendable (String) -> SourceFrame?)] = [
        (.python, pythonFrame), (.dotnet, dotnetFrame), (.node, nodeFrame), (.java, javaFrame), (.ruby, rubyFrame),
    ]

    /// `File "/var/task/records.py", line 88, in parse_record`
    private static func pythonFrame(_ line: String) -> SourceFrame? {
        // Read byte by byte: every mark is ASCII, so each index found is a character boundary.
        let bytes = line.utf8
        guard bytes.starts(with: #"File ""#.utf8) else { return nil }
        let fileStart = bytes.index(bytes.startIndex, offsetBy: 6)
        guard let close = bytes[fileStart...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        let rest = line[close...]
        let number = rest.firstRange(ofBytes: "line ").flatMap { mark in
            Int(Substring(rest.utf8[mark.upperBound...].prefix { $0 >= 0x30 && $0 <= 0x39 }))
        }
        let function = rest.firstRange(ofBytes: ", in ").map { String(rest[$0.upperBound...]) }
        return SourceFrame(file: trimmed(String(line[fileStart..<close])), line: number, function: function)
    }

    /// `at Runtime.handler (/var/task/index.js:12:11)`, `at async handler (file:///var/task/index.mjs:3:9)`,
    /// `at /var/task/index.js:5:9`
    private static func nodeFrame(_ line: String) -> SourceFrame? {
        guard line.hasPrefix("at ") else { return nil }
        var body = line.dropFirst(3)
        if body.hasPrefix("async ") { body = body.dropFirst(6) }
        var function: Substring?
        var location = body
        if body.hasSuffix(")"), let open = body.lastIndex(of: "(") {
            function = body[..<open].trimmingCharacters(in: .whitespaces)[...]
            location = body[body.index(after: open)..<body.index(before: body.endIndex)]
        }
        // file:line:column, the file possibly a URL or containing colons (node:internal/…).
        let parts = location.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 3, let number = Int(parts[parts.count - 2]), Int(parts[parts.count - 1]) != nil else {
            return nil
        }
        var file = parts.dropLast(2).joined(separator: ":")
        if file.hasPrefix("file://") { file.removeFirst(7) }
        return SourceFrame(file: trimmed(file), line: number, function: function.map(String.init))
    }

    /// `com.example.Records.parse(Records.java:88)`, also after `at ` in a printed trace.
    private static func javaFrame(_ line: String) -> SourceFrame? {
        var body = Substring(line)
        if body.hasPrefix("at ") { body = body.dropFirst(3) }
        guard body.hasSuffix(")"), let open = body.firstIndex(of: "("), !body[..<open].utf8.contains(UInt8(ascii: " "))
        else {
            return nil
        }
        let function = String(body[..<open])
        let location = body[body.index(after: open)..<body.index(before: body.endIndex)]
        let pieces = location.split(separator: ":")
        guard let file = pieces.first, file.hasSuffix(".java") || file.hasSuffix(".kt") || file.hasSuffix(".scala")
        else { return nil }
        return SourceFrame(file: String(file), line: pieces.count > 1 ? Int(pieces[1]) : nil, function: function)
    }

    /// `at MyFunction.Function.Handler(String input, ILambdaContext context) in /src/Function.cs:line 21`
    private static func dotnetFrame(_ line: String) -> SourceFrame? {
        guard line.hasPrefix("at "), line.utf8.contains(UInt8(ascii: "(")) else { return nil }
        let body = line.dropFirst(3)
        let signatureEnd = body.firstRange(ofBytes: " in ")?.lowerBound ?? body.endIndex
        let signature = body[..<signatureEnd]
        guard signature.hasSuffix(")"), let open = signature.firstIndex(of: "(") else { return nil }
        // A .NET frame either names its file (" in …:line N") or has a typed parameter list; Node.js frames have
        // neither ("at name (file:1:2)" puts a space before the parenthesis).
        let parameters = signature[signature.index(after: open)..<signature.index(before: signature.endIndex)]
        let hasFile = signatureEnd != body.endIndex
        guard hasFile || (!signature[..<open].hasSuffix(" ") && !parameters.utf8.contains(UInt8(ascii: ":"))) else {
            return nil
        }
        let function = String(signature[..<open])
        guard !function.utf8.contains(UInt8(ascii: " ")) else { return nil }
        var file: String?
        var number: Int?
        if hasFile {
            let location = body[body.index(signatureEnd, offsetBy: 4)...]
            if let lineMark = location.firstRange(ofBytes: ":line ") {
                file = String(location[..<lineMark.lowerBound])
                number = Int(location[lineMark.upperBound...].prefix { $0.isNumber })
            } else {
                file = String(location)
            }
        }
        return SourceFrame(file: file.map(trimmed), line: number, function: function)
    }

    /// `/var/task/lambda_function.rb:3:in 'lambda_handler'` (Ruby 3.4 quotes with ', earlier versions with `).
    private static func rubyFrame(_ line: String) -> SourceFrame? {
        guard let inRange = line.firstRange(ofBytes: ":in ") else { return nil }
        let location = line[..<inRange.lowerBound].split(separator: ":")
        guard location.count >= 2, let number = Int(location[location.count - 1]) else { return nil }
        let function = line[inRange.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: "'`"))
        let file = location.dropLast().joined(separator: ":")
        return SourceFrame(file: trimmed(file), line: number, function: function)
    }

    // MARK: Whose code

    /// Lambda's task root, stripped from paths: every function's code lives there.
    private static func trimmed(_ path: String) -> String {
        path.hasPrefix("/var/task/") ? String(path.dropFirst(10)) : path
    }

    /// Paths and names of runtimes and libraries: a frame there is not where the function's own code failed.
    private static let foreignMarks = [
        "/var/runtime/", "/var/lang/", "node:internal", "internal/", "node_modules/", "site-packages/",
        "dist-packages/", "/gems/", "/opt/", "aws-lambda-go/", "github.com/aws/", "runtime/panic.go",
    ]
    private static let foreignPrefixes = [
        "java.", "java.base/", "javax.", "sun.", "jdk.", "lambda_method", "kotlin.", "scala.", "com.amazonaws.",
        "software.amazon.", "System.",
        "Microsoft.", "Amazon.", "runtime.", "reflect.",
    ]

    static func isOwnCode(_ frame: SourceFrame) -> Bool {
        if let file = frame.file, foreignMarks.contains(where: { file.contains($0) }) { return false }
        if let function = frame.function, foreignPrefixes.contains(where: { function.hasPrefix($0) }) { return false }
        if let file = frame.file, file.hasPrefix("/usr/") || file.hasPrefix("<") { return false }
        return true
    }
}
