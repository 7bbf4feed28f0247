import Foundation

/// Where the public conformance suites live: `$RETRACE_CONFORMANCE`, or `../shared/conformance` beside the package
/// (read in place, never copied). Tests that need them are disabled with `missingMessage` when they are absent.
public enum Conformance {
    /// The conformance folder.
    public static var directory: URL {
        if let path = ProcessInfo.processInfo.environment["RETRACE_CONFORMANCE"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return PackagePaths.root.deletingLastPathComponent().appendingPathComponent("shared/conformance")
    }

    /// The AWS SigV4 test suite's folder.
    public static var sigV4: URL { directory.appendingPathComponent("sigv4") }

    /// Whether the SigV4 suite is there.
    public static var hasSigV4: Bool {
        FileManager.default.fileExists(atPath: sigV4.appendingPathComponent("get-vanilla/get-vanilla.req").path)
    }

    /// Why conformance tests did not run.
    public static var missingMessage: String {
        "conformance suites not found at \(directory.path); set RETRACE_CONFORMANCE to run them"
    }
}
