import Foundation
import RetraceFuzzing

/// The pipeline this process fuzzes, named by `RETRACE_FUZZ_TARGET` (set by `Scripts/fuzz`): one binary serves
/// every target, so that the instrumented build is made once.
private let target: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["RETRACE_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("retrace-fuzzer: set RETRACE_FUZZ_TARGET to one of \(names)\n".utf8))
        exit(2)
    }
    return target
}()

/// libFuzzer's entry point: one input through the target's pipeline. A broken output promise traps, so that
/// libFuzzer keeps the input as a crasher like any other defect.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let violations = target.run(UnsafeRawBufferPointer(start: data, count: size))
    if let first = violations.first { fatalError("output promise broken: \(first)") }
    return 0
}
