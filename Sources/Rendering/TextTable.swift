/// A table of text in aligned columns, for terminal reports (`retrace events`, state summaries).
///
/// Columns are as wide as their widest cell, measured in terminal cells (so CJK text, emoji and styled
/// text line up), and can be capped: longer cells are cut with `…`. Output is plain text plus whatever
/// escapes the cells already carry; the header is bold when a style is given.
public struct TextTable: Sendable {
    /// One column: its header, which side it is flush with, and an optional cap on its width.
    public struct Column: Sendable, Hashable {
        /// The header shown above the column; an all-empty header row is not shown.
        public var header: String
        /// Which side the column's text is flush with.
        public var alignment: TextAlignment
        /// The most cells a cell may take; longer cells are cut with `…`. `nil` means no limit.
        public var maximumWidth: Int?

        /// Creates a column.
        public init(_ header: String, alignment: TextAlignment = .left, maximumWidth: Int? = nil) {
            self.header = header
            self.alignment = alignment
            self.maximumWidth = maximumWidth
        }
    }

    /// The columns, left to right.
    public var columns: [Column]
    /// What goes between two columns.
    public var separator: String
    /// The rows added so far, cell by cell.
    public private(set) var rows: [[String]] = []

    /// Creates an empty table with `columns`.
    public init(columns: [Column], separator: String = "  ") {
        self.columns = columns
        self.separator = separator
    }

    /// Adds a row. Missing cells are empty; cells beyond the declared columns get extra left-aligned
    /// columns without a header, so nothing is lost.
    public mutating func addRow(_ cells: [String]) {
        rows.append(cells)
    }

    /// The table as text: the header row (if any header is non-empty), then one line per row, each line
    /// ending with a line break and without trailing spaces.
    public func render(style: TextStyle = .plain) -> String {
        let columnCount = max(columns.count, rows.map(\.count).max() ?? 0)
        guard columnCount > 0 else {
            return ""
        }
        let specs = (0..<columnCount).map { index in
            index < columns.count ? columns[index] : Column("")
        }
        func prepare(_ cell: String, _ column: Column) -> String {
            let flat = Self.singleLine(cell)
            guard let limit = column.maximumWidth else {
                return flat
            }
            return TerminalText.truncated(flat, toWidth: max(1, limit))
        }
        let header = specs.map { prepare($0.header, $0) }
        let body = rows.map { row in
            specs.indices.map { index in prepare(index < row.count ? row[index] : "", specs[index]) }
        }
        let showsHeader = header.contains { !$0.isEmpty }
        var widths = specs.indices.map { showsHeader ? TerminalText.width(of: header[$0]) : 0 }
        for row in body {
            for index in row.indices {
                widths[index] = max(widths[index], TerminalText.width(of: row[index]))
            }
        }

        var out = ""
        func appendLine(_ cells: [String], styled: Bool) {
            var line = ""
            // Trailing empty cells add nothing but separators and padding.
            let used = (cells.lastIndex { !$0.isEmpty } ?? -1) + 1
            for index in 0..<used {
                if index > 0 {
                    line += separator
                }
                let padded = TerminalText.padded(
                    cells[index], toWidth: widths[index], alignment: specs[index].alignment)
                line += styled ? Self.styleKeepingPadding(padded, with: style) : padded
            }
            while line.hasSuffix(" ") {
                line.removeLast()
            }
            out += line + "\n"
        }
        if showsHeader {
            appendLine(header, styled: true)
        }
        for row in body {
            appendLine(row, styled: false)
        }
        return out
    }

    /// Line breaks and tabs in a cell would break the grid; they become spaces.
    private static func singleLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\t" }) else {
            return text
        }
        var out = ""
        for scalar in text.unicodeScalars {
            out.unicodeScalars.append(scalar == "\n" || scalar == "\r" || scalar == "\t" ? " " : scalar)
        }
        return out
    }

    /// Bolds the text of a padded header cell but not its padding, so trailing spaces can still be trimmed.
    private static func styleKeepingPadding(_ padded: String, with style: TextStyle) -> String {
        let leading = padded.prefix { $0 == " " }
        let rest = padded.dropFirst(leading.count)
        var trailingCount = 0
        for character in rest.reversed() {
            guard character == " " else { break }
            trailingCount += 1
        }
        let text = rest.dropLast(trailingCount)
        return String(leading) + style.bold(String(text)) + String(repeating: " ", count: trailingCount)
    }
}
