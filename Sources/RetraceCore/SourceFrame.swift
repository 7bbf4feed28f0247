/// One frame of a stack trace: the file, line and function a runtime recorded. Reports show the frame where an
/// error was raised and the handler's frame, so that a reader opens the right line first.
public struct SourceFrame: Sendable, Hashable, CustomStringConvertible {
    /// The source file as the runtime named it, without the Lambda task root (`/var/task/`).
    public var file: String?
    /// The line number, when the runtime gave one.
    public var line: Int?
    /// The function or method, when the runtime gave one.
    public var function: String?

    /// Creates a frame.
    public init(file: String?, line: Int?, function: String?) {
        self.file = file
        self.line = line
        self.function = function
    }

    /// `records.py:88 in parse_record`, or as much of it as is known.
    public var description: String {
        var text = file ?? ""
        if let line { text += text.isEmpty ? "line \(line)" : ":\(line)" }
        if let function, !function.isEmpty { text += text.isEmpty ? function : " in \(function)" }
        return text
    }
}

/// What a recorded error cause says once read: one line for people, and where in the code it was raised.
public struct CauseDetail: Sendable, Hashable {
    /// The cause in one line: `ValueError: Invalid timestamp …`, `Lambda answered HTTP 429 (…): Rate Exceeded`.
    public var summary: String
    /// The runtime whose trace was read (`python`, `node`, `java`, `dotnet`, `go`, `ruby`), when there was one.
    public var runtime: String?
    /// The frame where the error was raised: the innermost frame of the function's own code.
    public var raisedAt: SourceFrame?
    /// The handler's frame (the outermost frame of the function's own code), when it is not `raisedAt`.
    public var handlerAt: SourceFrame?
    /// The log the failure was read from, when it came with the event log (`Image Builder log, stream 3.1.2/1`).
    public var logName: String?
    /// That log's lines up to and including the one that reports the failure, oldest first.
    public var logLines: [String]

    /// Creates a cause detail.
    public init(
        summary: String, runtime: String? = nil, raisedAt: SourceFrame? = nil, handlerAt: SourceFrame? = nil,
        logName: String? = nil, logLines: [String] = []
    ) {
        self.summary = summary
        self.runtime = runtime
        self.raisedAt = raisedAt
        self.handlerAt = handlerAt
        self.logName = logName
        self.logLines = logLines
    }
}
