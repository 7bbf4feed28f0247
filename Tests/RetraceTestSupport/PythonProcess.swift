import Foundation

/// Python programs the tests run against: reference implementations (botocore) and local stand-ins for services
/// (moto's server, the stubs in `Tests/Stubs`). One way to run them, one way to start a server and stop it.
public enum PythonProcess {
    /// The path of a script in `Tests/Stubs` (`paging_stub.py`), where every stub and its shared helpers live.
    public static func stub(_ name: String) -> String {
        PackagePaths.root.appendingPathComponent("Tests/Stubs/\(name)").path
    }

    /// What a run gave.
    public struct Output: Sendable {
        /// The exit status.
        public var status: Int32
        /// Standard output.
        public var stdout: Data
        /// Standard error.
        public var stderr: Data
    }

    /// Runs `python3` with `arguments`, `input` on its standard input.
    public static func run(_ arguments: [String], input: Data = Data()) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: out, stderr: err)
    }

    /// Whether `python3` can import every module named.
    public static func canImport(_ modules: String...) -> Bool {
        (try? run(["-c", "import " + modules.joined(separator: ", ")]))?.status == 0
    }

    /// A server started from a Python script that prints the port it listens on, then serves until its standard
    /// input closes: closing it (or this process ending, however it ends) stops the server.
    public final class Server: @unchecked Sendable {
        /// `http://127.0.0.1:PORT` (`https://` for a server started with `scheme` "https").
        public let endpoint: String
        private let process: Process
        private let input: Pipe

        /// Starts `python3 arguments…` with `environment` added to this process's, and waits for its port.
        public init(_ arguments: [String], environment: [String: String] = [:], scheme: String = "http") throws {
            process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3"] + arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            input = Pipe()
            let output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            var line = Data()
            while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty,
                byte != Data("\n".utf8)
            {
                line += byte
            }
            endpoint = "\(scheme)://127.0.0.1:\(String(decoding: line, as: UTF8.self))"
        }

        /// Stops the server and waits for it.
        public func stop() {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
    }
}
