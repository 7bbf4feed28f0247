import Foundation
import RetraceTestSupport
import Testing

/// What the dynamic loader brings in before a command does anything: libcurl and its two dozen libraries only when
/// something is fetched, and never libxml2 (the query APIs' XML is read by Expat, which Graphviz loads anyway).
/// Each of those cost milliseconds at every start.
@Suite("Libraries loaded at start")
struct StartupLibrariesTests {
    /// The libraries the loader reports loading (glibc's `LD_DEBUG=libs`) while `retrace` runs `arguments`.
    static func librariesLoaded(_ arguments: [String]) throws -> [String] {
        let result = try RetraceCommand.run(arguments, environment: ["LD_DEBUG": "libs"])
        return result.stderr.split(separator: "\n").compactMap { line in
            guard let range = line.range(of: "find library=") else { return nil }
            return String(line[range.upperBound...].prefix { $0 != ";" && $0 != " " })
        }
    }

    @Test func analysingAFileLoadsNeitherLibcurlNorLibxml2() throws {
        let libraries = try Self.librariesLoaded([
            "analyze", PackagePaths.root.appendingPathComponent("Samples/order-success.json").path,
        ])
        #expect(libraries.contains { $0.hasPrefix("libswiftCore") }, "LD_DEBUG reported nothing: \(libraries)")
        #expect(!libraries.contains { $0.hasPrefix("libcurl") })
        #expect(!libraries.contains { $0.hasPrefix("libxml2") })
    }
}
