import CZlib

/// A zip archive read from memory: its central directory, and each entry's bytes, stored or deflated (zlib undoes
/// the deflate). What GameLift keeps of a game session's logs is such an archive of the server process's log files.
///
/// Our own reader rather than a package: these archives hold a few text files, and reading one needs the central
/// directory and two methods, not the writing, streaming and file-system support a general library brings. An
/// archive comes from the network, so everything it declares is checked before it is believed: sizes against the
/// bytes there are and against `Limits` (entries, bytes out, and the ratio of bytes out to bytes in, against zip
/// bombs), names against escaping the folder they would be extracted to, and each entry's CRC-32 after inflating.
public struct ZipArchive: Sendable {
    /// One file (or folder) in the archive, as its central directory lists it.
    public struct Entry: Sendable, Hashable {
        /// The path inside the archive, `/`-separated.
        public var name: String
        /// How it is stored: 0 (stored) or 8 (deflated) are read.
        public var method: UInt16
        /// Its size in the archive.
        public var compressedSize: Int
        /// Its size once read.
        public var size: Int
        /// Its CRC-32.
        var crc: UInt32
        /// Where its local header starts.
        var localHeaderOffset: Int

        /// Whether it is a folder (a name ending in `/`), which holds no bytes.
        public var isFolder: Bool { name.hasSuffix("/") }
    }

    /// What an archive may ask for before it is refused.
    public struct Limits: Sendable {
        /// Entries in the archive.
        public var entries = 10_000
        /// Bytes one entry may hold once read.
        public var entrySize = 64 << 20
        /// Bytes all entries may hold together once read.
        public var totalSize = 256 << 20
        /// How many times its compressed size an entry may grow (for entries larger than 1 MiB once read): ordinary
        /// text logs deflate ten to twenty times, a zip bomb thousands.
        public var ratio = 200

        /// The default limits.
        public init() {}
    }

    /// What the archive is called in errors (a file name).
    public let name: String
    /// Its entries, in the central directory's order.
    public let entries: [Entry]
    private let bytes: [UInt8]
    private let limits: Limits

    /// Reads the central directory of `bytes`.
    ///
    /// - Throws: `ZipError` when the bytes are not a zip archive, are cut short, or ask for more than `limits`.
    public init(name: String, bytes: [UInt8], limits: Limits = Limits()) throws(ZipError) {
        self.name = name
        self.bytes = bytes
        self.limits = limits
        let end = try Self.endRecord(in: bytes, archive: name)
        let count = Int(Self.uint16(bytes, end + 10))
        let directorySize = Int(Self.uint32(bytes, end + 12))
        let directoryOffset = Int(Self.uint32(bytes, end + 16))
        if count == 0xFFFF || directoryOffset == 0xFFFF_FFFF {
            throw .unsupported(archive: name, what: "a ZIP64 archive (more than 65,535 entries or 4 GiB)")
        }
        guard count <= limits.entries else {
            throw .limit(archive: name, what: "\(count) entries", limit: "\(limits.entries) entries")
        }
        guard directoryOffset + directorySize <= end else {
            throw .truncated(archive: name, offset: end, expected: "a central directory of \(directorySize) bytes")
        }
        var entries: [Entry] = []
        var offset = directoryOffset
        var total = 0
        for _ in 0..<count {
            guard offset + 46 <= end, Self.uint32(bytes, offset) == 0x0201_4b50 else {
                throw .truncated(archive: name, offset: offset, expected: "a central directory entry")
            }
            let flags = Self.uint16(bytes, offset + 8)
            let method = Self.uint16(bytes, offset + 10)
            let nameLength = Int(Self.uint16(bytes, offset + 28))
            let extraLength = Int(Self.uint16(bytes, offset + 30))
            let commentLength = Int(Self.uint16(bytes, offset + 32))
            guard offset + 46 + nameLength + extraLength + commentLength <= end else {
                throw .truncated(archive: name, offset: offset, expected: "an entry's name of \(nameLength) bytes")
            }
            let entryName = String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            let entry = Entry(
                name: entryName, method: method, compressedSize: Int(Self.uint32(bytes, offset + 20)),
                size: Int(Self.uint32(bytes, offset + 24)), crc: Self.uint32(bytes, offset + 16),
                localHeaderOffset: Int(Self.uint32(bytes, offset + 42)))
            try Self.check(entry, flags: flags, archive: name, limits: limits)
            total += entry.size
            guard total <= limits.totalSize else {
                throw .limit(
                    archive: name, what: "more than \(total) bytes once read", limit: "\(limits.totalSize) bytes")
            }
            entries.append(entry)
            offset += 46 + nameLength + extraLength + commentLength
        }
        self.entries = entries
    }

    /// The bytes of `entry`, read and checked against its CRC-32.
    ///
    /// - Throws: `ZipError` when its data is cut short, does not inflate, or is not what the directory declared.
    public func contents(of entry: Entry) throws(ZipError) -> [UInt8] {
        let header = entry.localHeaderOffset
        guard header + 30 <= bytes.count, Self.uint32(bytes, header) == 0x0403_4b50 else {
            throw .truncated(archive: name, offset: header, expected: "the local header of \(entry.name)")
        }
        let start = header + 30 + Int(Self.uint16(bytes, header + 26)) + Int(Self.uint16(bytes, header + 28))
        guard start + entry.compressedSize <= bytes.count else {
            throw .truncated(
                archive: name, offset: start, expected: "\(entry.compressedSize) bytes of \(entry.name)")
        }
        let data = bytes[start..<(start + entry.compressedSize)]
        let output: [UInt8]
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.size else {
                throw .corrupt(archive: name, entry: entry.name, reason: "a stored entry whose two sizes differ")
            }
            output = Array(data)
        default:
            output = try inflate(data, entry: entry)
        }
        let crc = output.withUnsafeBufferPointer { buffer in
            UInt32(crc32(0, buffer.baseAddress, uInt(buffer.count)))
        }
        guard crc == entry.crc else {
            throw .corrupt(archive: name, entry: entry.name, reason: "its CRC-32 does not match its contents")
        }
        return output
    }

    /// Inflates raw deflate `data` into exactly `entry.size` bytes: a stream that would give more is refused as
    /// soon as it does, so a lie about the size cannot make it allocate more than the directory allowed.
    private func inflate(_ data: ArraySlice<UInt8>, entry: Entry) throws(ZipError) -> [UInt8] {
        var stream = z_stream()
        guard retrace_inflate_init_raw(&stream) == Z_OK else {
            throw .corrupt(archive: name, entry: entry.name, reason: "zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }
        // One byte more than declared, to notice a stream that goes on.
        var output = [UInt8](repeating: 0, count: entry.size + 1)
        let status: Int32 = data.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        let produced = Int(stream.total_out)
        guard status == Z_STREAM_END else {
            let reason =
                produced > entry.size
                ? "it holds more than the \(entry.size) bytes its directory entry declares"
                : status == Z_BUF_ERROR || status == Z_OK
                    ? "its deflated data ends early" : "its deflated data is damaged (zlib status \(status))"
            throw .corrupt(archive: name, entry: entry.name, reason: reason)
        }
        guard produced == entry.size else {
            throw .corrupt(
                archive: name, entry: entry.name,
                reason: "it holds \(produced) bytes, not the \(entry.size) its directory entry declares")
        }
        output.removeLast()
        return output
    }

    /// Refuses an entry that cannot or must not be read.
    private static func check(_ entry: Entry, flags: UInt16, archive: String, limits: Limits) throws(ZipError) {
        let components = entry.name.split(separator: "/", omittingEmptySubsequences: false)
        if entry.name.hasPrefix("/") || entry.name.contains("\\") || entry.name.contains("\0")
            || components.contains("..") || (entry.name.count >= 2 && Array(entry.name)[1] == ":")
        {
            throw .unsafeName(archive: archive, entry: entry.name)
        }
        if flags & 1 != 0 {
            throw .unsupported(archive: archive, what: "an encrypted entry (\(entry.name))")
        }
        guard entry.method == 0 || entry.method == 8 else {
            throw .unsupported(
                archive: archive,
                what: "compression method \(entry.method) (\(entry.name)); stored and deflate are read")
        }
        guard entry.size <= limits.entrySize else {
            throw .limit(
                archive: archive, what: "\(entry.name) of \(entry.size) bytes", limit: "\(limits.entrySize) bytes")
        }
        if entry.size > 1 << 20, entry.size / max(entry.compressedSize, 1) > limits.ratio {
            throw .limit(
                archive: archive,
                what: "\(entry.name), \(entry.size / max(entry.compressedSize, 1)) times its compressed size",
                limit: "\(limits.ratio) times")
        }
    }

    /// Where the end-of-central-directory record starts: searched for from the end, past a comment of up to 64 KiB.
    private static func endRecord(in bytes: [UInt8], archive: String) throws(ZipError) -> Int {
        guard bytes.count >= 22 else {
            throw .notAZip(archive: archive, reason: "\(bytes.count) bytes are too few for a zip archive")
        }
        var position = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while position >= lowest {
            if uint32(bytes, position) == 0x0605_4b50, position + 22 + Int(uint16(bytes, position + 20)) == bytes.count
            {
                return position
            }
            position -= 1
        }
        if bytes.count >= 4, uint32(bytes, 0) == 0x0403_4b50 {
            throw .truncated(archive: archive, offset: bytes.count, expected: "the end of the central directory")
        }
        throw .notAZip(archive: archive, reason: "no end-of-central-directory record")
    }

    private static func uint16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    private static func uint32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
    }
}

/// Why a zip archive could not be read, in words for the person who has it.
public enum ZipError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are not a zip archive at all.
    case notAZip(archive: String, reason: String)
    /// The archive ends (or points) before what it declares.
    case truncated(archive: String, offset: Int, expected: String)
    /// An entry's data is not what its directory entry says.
    case corrupt(archive: String, entry: String, reason: String)
    /// Something this reader does not read.
    case unsupported(archive: String, what: String)
    /// An entry whose name would leave the folder it is extracted to.
    case unsafeName(archive: String, entry: String)
    /// More than `ZipArchive.Limits` allows.
    case limit(archive: String, what: String, limit: String)

    /// The error for people.
    public var description: String {
        switch self {
        case .notAZip(let archive, let reason):
            return "\(archive): not a zip archive: \(reason)"
        case .truncated(let archive, let offset, let expected):
            return "\(archive): cut short at byte \(offset): expected \(expected)"
        case .corrupt(let archive, let entry, let reason):
            return "\(archive): entry \(entry) is damaged: \(reason)"
        case .unsupported(let archive, let what):
            return "\(archive): holds \(what), which is not read"
        case .unsafeName(let archive, let entry):
            return "\(archive): entry name \"\(entry)\" leaves the archive's folder (an absolute path or ..); "
                + "the archive is not read"
        case .limit(let archive, let what, let limit):
            return "\(archive): refused as a possible zip bomb: \(what), more than the \(limit) allowed"
        }
    }
}
