/// A place in an input file, as a person counts it: lines and columns from 1.
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
    /// The file's name as the user gave it (`<stdin>` for standard input).
    public var file: String
    /// Line number, from 1.
    public var line: Int
    /// Column number in characters (not bytes), from 1.
    public var column: Int

    /// Creates a position.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// Converts a byte offset into a line and column by counting newlines and UTF-8 lead bytes.
    public init(file: String, bytes: UnsafeRawBufferPointer, offset: Int) {
        var line = 1
        var column = 1
        for index in 0..<min(offset, bytes.count) {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        self.init(file: file, line: line, column: column)
    }

    /// `file:line:column`, the form editors and terminals turn into links.
    public var description: String { "\(file):\(line):\(column)" }
}
