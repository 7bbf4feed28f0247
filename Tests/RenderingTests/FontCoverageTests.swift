import Foundation
import Testing

/// PNG and PDF graphs and timelines draw text through fontconfig, which falls back, character by character, to
/// any installed font that has it. `Scripts/install-dependencies` installs fonts for CJK and emoji so that such
/// state names are not drawn as boxes; this checks fontconfig finds a font for each script a state name may use.
@Suite("Fonts: CJK and emoji state names have glyphs")
struct FontCoverageTests {
    @Test(arguments: [
        ("6ce8", "注 (Chinese and Japanese kanji)"), ("3092", "を (hiragana)"), ("ac70", "결 (Hangul)"),
        ("1f680", "🚀 (emoji)"), ("1f4b3", "💳 (emoji)"),
    ])
    func fontconfigHasAFontFor(codePoint: String, character: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/fc-list")
        process.arguments = [":charset=\(codePoint)", "family"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let families = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(
            !families.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
            "no installed font draws \(character): run Scripts/install-dependencies")
    }
}
