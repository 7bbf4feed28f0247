import Foundation
import RetraceTestSupport
import Testing

/// The man page, generated from the argument parser by `Scripts/install-man-page` (swift-argument-parser's
/// generate-manual). `Scripts/test` builds the generator; a bare `swift build` does not, and then this skips.
@Suite("retrace(1): the man page")
struct ManualTests {
    static let binaries = PackagePaths.retraceBinary.deletingLastPathComponent()
    static let generatorBuilt = FileManager.default.isExecutableFile(
        atPath: binaries.appendingPathComponent("generate-manual").path)

    private static func script(_ arguments: [String]) throws -> RetraceCommand.Result {
        try RetraceCommand.run(
            arguments, environment: ["RETRACE_BIN_PATH": binaries.path],
            executable: PackagePaths.root.appendingPathComponent("Scripts/install-man-page"))
    }

    @Test(.enabled(if: generatorBuilt, "needs generate-manual: swift build --product generate-manual (Scripts/test)"))
    func theManPageDocumentsEveryCommandAndOption() throws {
        let result = try Self.script(["-"])
        #expect(result.status == 0, "\(result.stderr)")
        let page = result.stdout
        #expect(page.contains(".Dt RETRACE 1"))
        #expect(page.contains(".Nm retrace"))
        #expect(!page.contains("\n\n"), "a blank line is a warning in mdoc")
        // Every command and every option the parser knows, from the parser's own description of itself.
        let dump = try RetraceCommand.run(["--experimental-dump-help"])
        let tool = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        let command = try #require(tool["command"] as? [String: Any])
        let subcommands = try #require(command["subcommands"] as? [[String: Any]])
        let names = subcommands.compactMap { $0["commandName"] as? String }
        #expect(Set(names).isSuperset(of: ["analyze", "events", "graph", "timeline", "replay"]))
        for subcommand in subcommands {
            let name = try #require(subcommand["commandName"] as? String)
            #expect(page.contains(".It Em \(name)\n"), "\(name)")
            for argument in subcommand["arguments"] as? [[String: Any]] ?? [] {
                guard let names = argument["names"] as? [[String: Any]], argument["shouldDisplay"] as? Bool != false
                else { continue }
                for long in names where long["kind"] as? String == "long" {
                    #expect(page.contains("-\(long["name"] as? String ?? "")"), "\(name) --\(long["name"] ?? "")")
                }
            }
        }
        #expect(page.contains("rsvg-convert"), "the timeline's discussion, as in --help")
    }

    @Test(.enabled(if: generatorBuilt, "needs generate-manual: swift build --product generate-manual (Scripts/test)"))
    func itInstallsWhereItIsToldAndManReadsIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("retrace-man-\(UUID().uuidString)")
        let result = try Self.script([folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        let page = folder.appendingPathComponent("man1/retrace.1")
        #expect(FileManager.default.fileExists(atPath: page.path))
        #expect(result.stderr.contains("installed \(page.path); read it with: man retrace"))
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/man") else { return }
        let shown = try RetraceCommand.run(
            ["-P", "cat", "retrace"], environment: ["MANPATH": folder.path, "MANWIDTH": "80"],
            executable: URL(fileURLWithPath: "/usr/bin/man"))
        #expect(shown.status == 0)
        #expect(shown.stderr.isEmpty, "man warns about nothing: \(shown.stderr)")
        #expect(shown.stdout.contains("RETRACE(1)"))
        #expect(shown.stdout.contains("timeline"))
    }

    /// The README's completion commands work as written, and the scripts they write name every command.
    @Test(arguments: ["bash", "zsh", "fish"])
    func completionsAreDocumentedAndGenerated(shell: String) throws {
        let readme = try String(contentsOf: PackagePaths.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("retrace --generate-completion-script \(shell) > "))
        #expect(readme.contains("Scripts/install-man-page"))
        let result = try RetraceCommand.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        for command in ["analyze", "events", "graph", "timeline", "replay"] {
            #expect(result.stdout.contains(command), "\(shell): \(command)")
        }
        if shell == "bash" {
            let file = try RetraceCommand.temporaryFile(result.stdout, name: "retrace.bash")
            let check = try RetraceCommand.run(
                ["-c", "source \"$0\" && complete -p retrace", file], executable: URL(fileURLWithPath: "/bin/bash"))
            #expect(check.status == 0, "\(check.stderr)")
            #expect(check.stdout.contains("-F _retrace retrace"))
        }
    }
}
