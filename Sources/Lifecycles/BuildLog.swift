import RetraceCore

/// A build's own log carried with a deployment log: the Image Builder log `retrace fetch --image` reads from
/// CloudWatch Logs and keeps beside the image stack's events (`ImageBuilderLog` in the file), so that the root
/// cause of a failed image build can continue into the step that failed.
public struct BuildLog: Sendable, Hashable {
    /// One line of the log.
    public struct Line: Sendable, Hashable {
        /// When it was recorded.
        public var time: Instant?
        /// The text.
        public var message: String

        /// Creates a line.
        public init(time: Instant?, message: String) {
            self.time = time
            self.message = message
        }
    }

    /// The CloudWatch Logs group (`/aws/imagebuilder/ParallelClusterImage-ID`).
    public var group: String
    /// The stream (`3.1.2/1`).
    public var stream: String
    /// Every line, oldest first.
    public var lines: [Line]

    /// Creates a log.
    public init(group: String, stream: String, lines: [Line]) {
        self.group = group
        self.stream = stream
        self.lines = lines
    }
}
