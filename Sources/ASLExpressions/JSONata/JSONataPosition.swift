/// A place in a JSONata expression: 1-based line and column, counted in Unicode scalars, as people count them.
///
/// Positions point at the first character of the token that caused a problem (JSONata itself reports the
/// offset just past the token; the start is easier to find by eye).
public struct JSONataPosition: Sendable, Hashable, CustomStringConvertible {
    /// Offset from the start of the expression, in Unicode scalars, from 0.
    public var offset: Int
    /// Line number, from 1.
    public var line: Int
    /// Column number in Unicode scalars, from 1.
    public var column: Int

    /// Creates a position.
    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}

/// Turns scalar offsets into lines and columns for one expression text.
struct JSONataSourceMap: Sendable, Hashable {
    /// Offsets at which each line starts (the first is 0).
    private var lineStarts: [Int] = [0]

    init(_ scalars: [Unicode.Scalar]) {
        for (index, scalar) in scalars.enumerated() where scalar == "\n" {
            lineStarts.append(index + 1)
        }
    }

    func position(at offset: Int) -> JSONataPosition {
        // The last line start not after `offset`; binary search keeps long expressions cheap.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return JSONataPosition(offset: offset, line: low + 1, column: offset - lineStarts[low] + 1)
    }
}
