import Foundation
import RetraceCore
import RetraceTestSupport
import Testing

/// Zip archives as Python's `zipfile` writes them (the way a game server's log folder is zipped): stored and
/// deflated entries read back byte for byte; hostile archives — a zip bomb, one cut short, names that escape their
/// folder, sizes and checksums that lie, bytes that are no archive — are refused with an error that says why.
@Suite("Zip archives, as written and as an attacker writes them")
struct ZipArchiveTests {
    /// The archive a Python snippet writes to standard output (`z` is a `ZipFile` over `out`).
    static func archive(_ body: String) throws -> [UInt8] {
        let script =
            "import io, sys, zipfile\nout = io.BytesIO()\nwith zipfile.ZipFile(out, 'w') as z:\n"
            + body.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
            + "\nsys.stdout.buffer.write(out.getvalue())\n"
        let result = try PythonProcess.run(["-c", script])
        try #require(result.status == 0, "\(String(decoding: result.stderr, as: UTF8.self))")
        return Array(result.stdout)
    }

    static func error(_ bytes: [UInt8], name: String = "session.zip") throws -> ZipError {
        try #require(throws: ZipError.self) {
            let archive = try ZipArchive(name: name, bytes: bytes)
            for entry in archive.entries where !entry.isFolder { _ = try archive.contents(of: entry) }
        }
    }

    @Test func storedAndDeflatedEntriesReadBackExactly() throws {
        let bytes = try Self.archive(
            """
            z.writestr('logs/', '')
            z.writestr('logs/server.log', 'INFO ready\\n' * 500 + 'ERROR player slot 3 is empty\\n', compress_type=zipfile.ZIP_DEFLATED)
            z.writestr('logs/core.bin', bytes(range(256)) * 4, compress_type=zipfile.ZIP_STORED)
            z.writestr('empty.log', '', compress_type=zipfile.ZIP_DEFLATED)
            """)
        let archive = try ZipArchive(name: "session.zip", bytes: bytes)
        #expect(archive.entries.map(\.name) == ["logs/", "logs/server.log", "logs/core.bin", "empty.log"])
        #expect(archive.entries.map(\.isFolder) == [true, false, false, false])
        #expect(archive.entries.map(\.method) == [0, 8, 0, 8])
        let log = try archive.contents(of: archive.entries[1])
        #expect(
            String(decoding: log, as: UTF8.self) == String(repeating: "INFO ready\n", count: 500)
                + "ERROR player slot 3 is empty\n")
        #expect(archive.entries[1].compressedSize < archive.entries[1].size, "deflated")
        #expect(try archive.contents(of: archive.entries[2]) == Array((0..<256).map { UInt8($0) }) * 4)
        #expect(try archive.contents(of: archive.entries[3]).isEmpty)
    }

    @Test func aZipBombIsRefusedBeforeItIsInflated() throws {
        let bytes = try Self.archive("z.writestr('huge.log', b'\\0' * (20 << 20), compress_type=zipfile.ZIP_DEFLATED)")
        #expect(bytes.count < 100_000, "20 MiB of zeros deflate a thousandfold")
        let error = try Self.error(bytes)
        #expect(error.description.hasPrefix("session.zip: refused as a possible zip bomb: huge.log, "), "\(error)")
        #expect(error.description.contains("more than the 200 times allowed"), "\(error)")
        // Many entries, or too many bytes in all, are refused the same way.
        var limits = ZipArchive.Limits()
        limits.entries = 3
        let many = try Self.archive("for i in range(5): z.writestr('log%d.txt' % i, 'line\\n')")
        #expect(throws: ZipError.limit(archive: "many.zip", what: "5 entries", limit: "3 entries")) {
            try ZipArchive(name: "many.zip", bytes: many, limits: limits)
        }
    }

    @Test func anArchiveCutShortSaysWhere() throws {
        let bytes = try Self.archive(
            "z.writestr('server.log', 'INFO tick\\n' * 2000, compress_type=zipfile.ZIP_DEFLATED)")
        let error = try Self.error(Array(bytes.prefix(bytes.count / 2)))
        #expect(
            error.description
                == "session.zip: cut short at byte \(bytes.count / 2): expected the end of the central directory")
        // The directory intact but the data gone: the entry's bytes are missing.
        var hollow = bytes
        let directory = try #require(Self.offset(of: [0x50, 0x4B, 0x01, 0x02], in: bytes))
        hollow.removeSubrange(40..<(directory - 20))
        _ = try Self.error(hollow)
    }

    @Test(arguments: [
        "../../etc/cron.d/evil", "/etc/passwd", "logs/../../escape.log", "C:/Windows/evil.dll", "logs\\\\..\\\\evil",
    ])
    func namesThatLeaveTheFolderAreRefused(_ name: String) throws {
        let bytes = try Self.archive("z.writestr(\(Self.pythonString(name)), 'x')")
        let error = try Self.error(bytes)
        #expect(error.description.contains("leaves the archive's folder"), "\(error)")
    }

    @Test func sizesAndChecksumsThatLieAreCaught() throws {
        let text = String(repeating: "INFO tick\n", count: 300)
        let bytes = try Self.archive(
            "z.writestr('server.log', \(Self.pythonString(text)), compress_type=zipfile.ZIP_DEFLATED)")
        let directory = try #require(Self.offset(of: [0x50, 0x4B, 0x01, 0x02], in: bytes))
        // The central directory says 100 bytes: inflating stops there and says the entry holds more.
        var small = bytes
        small[directory + 24] = 100
        small[directory + 25] = 0
        #expect(
            try Self.error(small).description.contains("holds more than the 100 bytes its directory entry declares"))
        // A damaged CRC-32.
        var crc = bytes
        crc[directory + 16] ^= 0xFF
        #expect(try Self.error(crc).description.contains("its CRC-32 does not match its contents"))
        // Damaged deflate data.
        var damaged = bytes
        for index in 40..<60 { damaged[index] = 0xFF }
        #expect(try Self.error(damaged).description.hasPrefix("session.zip: entry server.log is damaged: "))
    }

    @Test func bytesThatAreNoArchiveAreSaidSo() throws {
        #expect(
            try Self.error(Array("not an archive at all, just some text".utf8)).description
                == "session.zip: not a zip archive: no end-of-central-directory record")
        #expect(
            try Self.error([0x50, 0x4B]).description
                == "session.zip: not a zip archive: 2 bytes are too few for a zip archive")
    }

    private static func offset(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        return (0...(bytes.count - pattern.count)).first { Array(bytes[$0..<($0 + pattern.count)]) == pattern }
    }

    private static func pythonString(_ text: String) -> String {
        let data = try? JSONSerialization.data(withJSONObject: [text])
        return String(decoding: data ?? Data(), as: UTF8.self).dropFirst().dropLast().description
    }
}

extension Array where Element == UInt8 {
    fileprivate static func * (bytes: [UInt8], count: Int) -> [UInt8] {
        Array((0..<count).map { _ in bytes }.joined())
    }
}
