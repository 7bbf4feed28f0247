import Foundation
import Testing

@testable import RetraceCore

/// No input may take more memory than the size limit, however it arrives.
@Suite("Input size limit")
struct InputBufferLimitTests {
    private func file(bytes: Int) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("retrace-limit-\(UUID().uuidString)")
            .path
        try Data(repeating: UInt8(ascii: " "), count: bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aFileAtTheLimitIsReadAndOneByteMoreIsRefused() throws {
        let atLimit = try file(bytes: 4096)
        #expect(try InputBuffer.read(path: atLimit, limit: 4096).count == 4096)
        let over = try file(bytes: 4097)
        #expect(
            throws: InputError.unreadable(file: over, reason: "it is larger than 4096 bytes, more than a log can be")
        ) {
            try InputBuffer.read(path: over, limit: 4096)
        }
    }

    @Test func aStreamIsRefusedAtTheLimitWithoutGrowingPastIt() throws {
        // A FIFO is read like standard input: its size is not known in advance.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("retrace-fifo-\(UUID().uuidString)")
            .path
        #expect(mkfifo(path, 0o600) == 0)
        let writer = Thread {
            let descriptor = open(path, O_WRONLY)
            let chunk = [UInt8](repeating: UInt8(ascii: " "), count: 1 << 16)
            // Far more than the limit: the reader must stop at the limit, and then the write fails (EPIPE).
            for _ in 0..<64 where chunk.withUnsafeBytes({ Glibc.write(descriptor, $0.baseAddress, $0.count) }) > 0 {}
            close(descriptor)
        }
        signal(SIGPIPE, SIG_IGN)
        writer.start()
        #expect(
            throws: InputError.unreadable(file: path, reason: "it is larger than 100000 bytes, more than a log can be")
        ) {
            try InputBuffer.read(path: path, limit: 100_000)
        }
    }
}
