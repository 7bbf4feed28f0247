// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Retrace",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "retrace", targets: ["retrace"]),
        .library(name: "RetraceCore", targets: ["RetraceCore"]),
        .library(name: "StepFunctions", targets: ["StepFunctions"]),
        .library(name: "Lifecycles", targets: ["Lifecycles"]),
        .library(name: "Diagnostics", targets: ["Diagnostics"]),
        .library(name: "Rendering", targets: ["Rendering"]),
        .library(name: "ASLExpressions", targets: ["ASLExpressions"]),
        .library(name: "Replay", targets: ["Replay"]),
        .library(name: "AWSClient", targets: ["AWSClient"]),
        .library(name: "Export", targets: ["Export"]),
        .library(name: "Comparison", targets: ["Comparison"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // YAML state machine definitions: SAM and CloudFormation templates are usually YAML.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // SHA-256 and HMAC for SigV4 request signing, and the digests `States.Hash` offers: the Linux toolchain
        // ships no crypto library, and hand-written digests are code we should not own.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // A plain C API over Debian's simdjson (DOM API); no C++ reaches Swift.
        .target(
            name: "CSimdJSON",
            cxxSettings: [
                // Must match Debian's build of libsimdjson: the parser's layout differs otherwise.
                .define("SIMDJSON_THREADS_ENABLED", to: "1"),
                .define("SIMDJSON_EXCEPTIONS", to: "0"),
            ],
            linkerSettings: [.linkedLibrary("simdjson")]
        ),
        // zlib, for the deflate entries of zip archives (GameLift game-session logs).
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "RetraceCore", dependencies: ["CSimdJSON", "CZlib"]),
        // The languages inside a definition: JSONPath, payload templates, intrinsic functions and JSONata. Knows
        // nothing of histories, so the definition checks and the replayer share one implementation of each.
        .target(
            name: "ASLExpressions", dependencies: ["RetraceCore", .product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "StepFunctions",
            dependencies: ["RetraceCore", "ASLExpressions", .product(name: "Yams", package: "Yams")]),
        .target(name: "Lifecycles", dependencies: ["RetraceCore"]),
        .target(name: "Diagnostics", dependencies: ["RetraceCore", "StepFunctions", "Lifecycles"]),
        .systemLibrary(name: "CGraphviz", pkgConfig: "libgvc", providers: [.apt(["libgraphviz-dev"])]),
        .target(
            name: "Rendering",
            dependencies: [
                "RetraceCore", "StepFunctions", "Lifecycles", "Diagnostics", "Replay", "Comparison", "CGraphviz",
                // SHA-256 of the HTML report's own script and styles, for its Content-Security-Policy.
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            // The HTML report's page, script and style sheet: compiled in through ReportAssets.swift, which
            // Scripts/generate-report-assets writes from them.
            exclude: ["HTML/Resources"]),
        .target(
            name: "Replay",
            dependencies: ["RetraceCore", "StepFunctions", "ASLExpressions"]),
        // Two executions of one state machine compared: where their paths split and why.
        .target(
            name: "Comparison",
            dependencies: ["RetraceCore", "StepFunctions", "Diagnostics", "ASLExpressions", "Replay"]),
        // Analysed runs as the formats other engines read: OTLP/JSON traces, Chrome traces, NDJSON tables.
        .target(
            name: "Export",
            dependencies: [
                "RetraceCore", "StepFunctions", "Lifecycles", "Diagnostics",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // libcurl, the library FoundationNetworking is built on, called directly by AWSClient's transport and
        // loaded when first needed (its headers come from Debian's libcurl4-openssl-dev).
        .target(name: "CCurl"),
        // Expat, the XML parser Graphviz already loads, for the XML answers of AWS query APIs: FoundationXML's
        // libxml2 and the ICU it brings took about 2 ms to load at every start.
        .systemLibrary(name: "CExpat", providers: [.apt(["libexpat1-dev"])]),
        // Talking to AWS: SigV4 signing, credentials, endpoints. Knows nothing of analysis.
        .target(
            name: "AWSClient",
            dependencies: [
                "RetraceCore", "CCurl", "CExpat", .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .executableTarget(
            name: "retrace",
            dependencies: [
                "RetraceCore",
                "StepFunctions",
                "Lifecycles",
                "Diagnostics",
                "Rendering",
                "ASLExpressions",
                "Replay",
                "AWSClient",
                "Export",
                "Comparison",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The benchmark's floor: Debian's simdjson alone, loading a history and counting its events.
        .executableTarget(
            name: "simdjson-floor",
            path: "Sources/SimdJSONFloor",
            cxxSettings: [
                .define("SIMDJSON_THREADS_ENABLED", to: "1"),
                .define("SIMDJSON_EXCEPTIONS", to: "0"),
            ],
            linkerSettings: [.linkedLibrary("simdjson")]
        ),
        .executableTarget(
            name: "retrace-benchmark",
            dependencies: ["RetraceCore", "StepFunctions", "Diagnostics", "Rendering"],
            path: "Sources/RetraceBenchmark"
        ),
        // The fuzz harness's pipelines, one per target; the tests run every crasher kept in Fuzz/Regressions
        // through them.
        .target(
            name: "RetraceFuzzing",
            dependencies: [
                "RetraceCore", "StepFunctions", "Lifecycles", "Diagnostics", "Rendering", "ASLExpressions", "Replay",
            ]),
        // Test-only helpers: fixture and corpus locations, the corpus manifest.
        .target(name: "RetraceTestSupport", path: "Tests/RetraceTestSupport"),
        .testTarget(name: "RetraceCoreTests", dependencies: ["RetraceCore", "RetraceTestSupport"]),
        .testTarget(
            name: "StepFunctionsTests", dependencies: ["StepFunctions", "RetraceTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "LifecyclesTests", dependencies: ["Lifecycles", "RetraceTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "DiagnosticsTests", dependencies: ["Diagnostics", "RetraceTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "RenderingTests", dependencies: ["Rendering", "RetraceTestSupport"],
            exclude: ["Fixtures", "Snapshots"]),
        .testTarget(name: "ASLExpressionsTests", dependencies: ["ASLExpressions", "RetraceTestSupport"]),
        .testTarget(
            name: "ReplayTests", dependencies: ["Replay", "ASLExpressions", "RetraceTestSupport"], exclude: ["Fixtures"]
        ),
        .testTarget(name: "AWSClientTests", dependencies: ["AWSClient", "RetraceTestSupport"]),
        .testTarget(
            name: "CLITests", dependencies: ["retrace", "RetraceTestSupport"], exclude: ["Fixtures", "Snapshots"]),
        .testTarget(name: "ComparisonTests", dependencies: ["Comparison", "RetraceTestSupport"]),
        .testTarget(name: "ExportTests", dependencies: ["Export", "RetraceTestSupport"], exclude: ["Snapshots"]),
        .testTarget(name: "RetraceFuzzingTests", dependencies: ["RetraceFuzzing", "RetraceTestSupport"]),
    ],
    cxxLanguageStandard: .cxx17
)

// The libFuzzer entry point, declared only when Scripts/fuzz builds it (RETRACE_FUZZER=1, with
// `--sanitize fuzzer`, whose runtime supplies `main`): an ordinary build neither sees nor compiles it.
if Context.environment["RETRACE_FUZZER"] == "1" {
    package.targets.append(
        .executableTarget(name: "retrace-fuzzer", dependencies: ["RetraceFuzzing"], path: "Sources/RetraceFuzzer"))
}
