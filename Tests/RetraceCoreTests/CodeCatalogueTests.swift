import Foundation
import RetraceCore
import RetraceTestSupport
import Testing

/// The code tables in `docs/` and the catalogues in `Finding.Code` and `LogWarning.Code` are one table: a code
/// added to one and not the other fails here.
@Suite struct CodeCatalogueTests {
    private func document(_ name: String) throws -> String {
        try String(contentsOf: PackagePaths.root.appendingPathComponent("docs/\(name)"), encoding: .utf8)
    }

    /// The first column of every Markdown table row that starts with a backticked code.
    private func tableCodes(in text: String) -> Set<String> {
        var codes: Set<String> = []
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cell = line.dropFirst(2).prefix { $0 != "|" }
            for part in cell.split(separator: "`") where part.allSatisfy({ $0.isLowercase || $0 == "-" }) {
                codes.insert(String(part))
            }
        }
        return codes
    }

    @Test func everyWarningCodeIsDocumentedAndNoOther() throws {
        let documented = tableCodes(in: try document("reconstruction.md"))
        let catalogue = Set(LogWarning.Code.catalogue.map(\.rawValue))
        #expect(documented == catalogue)
        #expect(catalogue.count == LogWarning.Code.catalogue.count, "a code is listed twice")
    }

    @Test func everyFindingCodeIsDocumented() throws {
        let text = try document("diagnostics.md")
        for code in Finding.Code.catalogue {
            #expect(text.contains("`\(code.rawValue)`"), "\(code) is not in docs/diagnostics.md")
        }
        let catalogue = Set(Finding.Code.catalogue.map(\.rawValue))
        #expect(catalogue.count == Finding.Code.catalogue.count, "a code is listed twice")
        let undocumentedInCode = tableCodes(in: text).subtracting(catalogue)
        #expect(undocumentedInCode.isEmpty, "docs/diagnostics.md names codes the program does not have")
    }

    @Test func logAnomalyFindingsArePrefixed() {
        #expect(Finding.Code.logAnomaly(.idGap).rawValue == "log-id-gap")
        #expect(Finding.Code.logAnomaly(.idGap).isLogAnomaly)
        #expect(!Finding.Code.taskFailed.isLogAnomaly)
    }
}
