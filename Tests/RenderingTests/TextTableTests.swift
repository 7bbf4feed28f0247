import Testing

@testable import Rendering

@Suite("TextTable")
struct TextTableTests {
    @Test func alignsMixedWidthCells() {
        var table = TextTable(columns: [
            TextTable.Column("STATE"), TextTable.Column("DURATION", alignment: .right), TextTable.Column("STATUS"),
        ])
        table.addRow(["Validate", "1.25 s", "succeeded"])
        table.addRow(["注文を検証", "12 m 3 s", "failed"])
        table.addRow(["🚀 Launch", "80 ms", "running"])
        let expected = """
            STATE       DURATION  STATUS
            Validate      1.25 s  succeeded
            注文を検証  12 m 3 s  failed
            🚀 Launch      80 ms  running

            """
        #expect(table.render() == expected)
    }

    @Test func everyLineHasTheSameDisplayWidthUpToTheLastColumn() {
        var table = TextTable(columns: [TextTable.Column("A"), TextTable.Column("B", alignment: .right)])
        for cell in ["x", "日本語", "👨‍👩‍👧👨‍👩‍👧", "e\u{301}e\u{301}", "한", TextStyle.ansi.red("styled")] {
            table.addRow([cell, cell])
        }
        let lines = table.render().split(separator: "\n").map(String.init)
        #expect(lines.count == 7)
        let widths = Set(lines.map { TerminalText.width(of: $0) })
        #expect(widths == [6 + 2 + 6], "\(lines)")
    }

    @Test func ansiStylesDoNotCountTowardsWidth() {
        var table = TextTable(columns: [TextTable.Column("NAME"), TextTable.Column("STATUS")])
        table.addRow([TextStyle.ansi.bold("ab"), TextStyle.ansi.red("failed")])
        table.addRow(["abcd", "ok"])
        let lines = table.render().split(separator: "\n").map(String.init)
        #expect(lines[1] == "\u{1B}[1mab\u{1B}[22m    \u{1B}[31mfailed\u{1B}[39m")
        #expect(lines[2] == "abcd  ok")
    }

    @Test func overlongCellsAreTruncatedToTheColumnMaximum() {
        var table = TextTable(columns: [
            TextTable.Column("ERROR", maximumWidth: 12), TextTable.Column("N", alignment: .right),
        ])
        table.addRow(["States.TaskFailed: Lambda.Unknown", "3"])
        table.addRow(["処理に失敗しました", "12"])
        table.addRow(["short", "1"])
        let expected = """
            ERROR          N
            States.Task…   3
            処理に失敗…   12
            short          1

            """
        #expect(table.render() == expected)
    }

    @Test func headerIsBoldOnlyWhenStyled() {
        var table = TextTable(columns: [TextTable.Column("ID", alignment: .right), TextTable.Column("NAME")])
        table.addRow(["7", "x"])
        #expect(table.render(style: .plain) == "ID  NAME\n 7  x\n")
        #expect(table.render(style: .ansi) == "\u{1B}[1mID\u{1B}[22m  \u{1B}[1mNAME\u{1B}[22m\n 7  x\n")
    }

    @Test func missingAndExtraCellsAndNoHeader() {
        var table = TextTable(columns: [TextTable.Column(""), TextTable.Column("")], separator: " | ")
        table.addRow(["a"])
        table.addRow(["bb", "c", "extra"])
        #expect(table.render() == "a\nbb | c | extra\n")
    }

    @Test func lineBreaksInCellsDoNotBreakTheGrid() {
        var table = TextTable(columns: [TextTable.Column("CAUSE"), TextTable.Column("N")])
        table.addRow(["line one\nline two\ttab", "1"])
        #expect(table.render() == "CAUSE                  N\nline one line two tab  1\n")
    }

    @Test func emptyTable() {
        #expect(TextTable(columns: []).render() == "")
        #expect(TextTable(columns: [TextTable.Column("ONLY")]).render() == "ONLY\n")
    }
}
