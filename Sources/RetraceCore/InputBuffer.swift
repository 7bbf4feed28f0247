import CSimdJSON
import Glibc

/// The bytes of one input (a file or standard input), with the padding simdjson needs past the end.
///
/// A class because it owns manually allocated memory; read once, never copied.
public final class InputBuffer: @unchecked Sendable {
    /// What the user calls this input: a path, or `<stdin>`.
    public let name: String
    /// Number of meaningful bytes (the padding is not counted).
    public let count: Int
    let storage: UnsafeMutableRawPointer
    /// Length of the file mapping when the bytes are mapped rather than read (0 when read into the heap).
    private var mappedLength = 0

    /// Wraps bytes already in memory (tests, generated data, page merging).
    public convenience init(name: String, bytes: some Collection<UInt8>) {
        let padding = Int(sj_padding())
        let capacity = bytes.count + padding
        let storage = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64)
        // Only the padding is zeroed: the bytes are written once, not cleared first.
        let typed = storage.bindMemory(to: UInt8.self, capacity: capacity)
        (typed + bytes.count).initialize(repeating: 0, count: padding)
        let copied: Bool? = bytes.withContiguousStorageIfAvailable { source in
            if let base = source.baseAddress { typed.initialize(from: base, count: source.count) }
            return true
        }
        if copied == nil {
            _ = UnsafeMutableBufferPointer(start: typed, count: bytes.count).initialize(from: bytes)
        }
        self.init(name: name, storage: storage, count: bytes.count)
    }

    /// Wraps a string's UTF-8 bytes.
    public convenience init(name: String, text: String) {
        self.init(name: name, bytes: Array(text.utf8))
    }

    private init(name: String, storage: UnsafeMutableRawPointer, count: Int) {
        self.name = name
        self.storage = storage
        self.count = count
    }

    deinit {
        if mappedLength > 0 { munmap(storage, mappedLength) } else { storage.deallocate() }
    }

    /// Lets the kernel drop the resident pages of a mapped file once they have been parsed: the parser keeps
    /// its own copy of what it needs. Reading the bytes again (to locate an error) reloads them from the file,
    /// so nothing changes for callers but the memory they hold. Heap buffers are left as they are.
    public func releaseResidentPages() {
        if mappedLength > 0 { madvise(storage, mappedLength, MADV_DONTNEED) }
    }

    /// `releaseResidentPages()` for the whole pages before `offset` only, as a parse in pieces passes them.
    func releaseResidentPages(before offset: Int) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let length = min(offset, mappedLength) / page * page
        if length > 0 { madvise(storage, length, MADV_DONTNEED) }
    }

    /// The meaningful bytes.
    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: storage, count: count) }

    /// The largest input read: simdjson's own limit is 4 GiB, and a history of 25,000 events of 256 KiB each
    /// stays well below this.
    public static let maximumSize = 3 << 30

    /// Reads a whole file, or standard input when `path` is `-`.
    ///
    /// Reads with POSIX calls into one padded allocation so that the parser never needs a second copy.
    public static func read(path: String) throws(InputError) -> InputBuffer {
        try read(path: path, limit: maximumSize)
    }

    /// `read(path:)` with another size limit (tests use a small one).
    static func read(path: String, limit: Int) throws(InputError) -> InputBuffer {
        if path == "-" { return try readAll(descriptor: 0, name: "<stdin>", sizeHint: 1 << 16, limit: limit) }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            if errno == ENOENT, let reference = RemoteReference(path) { throw .remote(reference) }
            throw .unreadable(file: path, reason: reason)
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw .unreadable(file: path, reason: String(cString: strerror(errno)))
        }
        if (status.st_mode & S_IFMT) == S_IFDIR { throw .unreadable(file: path, reason: "it is a directory") }
        if (status.st_mode & S_IFMT) == S_IFREG, Int(status.st_size) > limit {
            throw .unreadable(file: path, reason: "it is larger than \(describe(bytes: limit)), more than a log can be")
        }
        if let mapped = map(descriptor: descriptor, name: path, status: status) { return mapped }
        // A little slack past the size, so that the read which finds the end needs no larger buffer.
        return try readAll(
            descriptor: descriptor, name: path, sizeHint: max(Int(status.st_size) + 4096, 4096), limit: limit)
    }

    /// Maps a large regular file instead of copying it, when the zero-filled rest of its last page already
    /// provides the padding simdjson reads past the end; `nil` means "read it instead".
    private static func describe(bytes: Int) -> String {
        bytes >= 1 << 30 ? "\(bytes >> 30) GiB" : bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }

    private static func map(descriptor: Int32, name: String, status: stat) -> InputBuffer? {
        let size = Int(status.st_size)
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard (status.st_mode & S_IFMT) == S_IFREG, size >= 1 << 20, page > 0,
            size % page != 0, page - size % page >= Int(sj_padding())
        else { return nil }
        let length = size + (page - size % page)
        guard let address = mmap(nil, length, PROT_READ, MAP_PRIVATE | MAP_POPULATE, descriptor, 0),
            address != MAP_FAILED
        else { return nil }
        let buffer = InputBuffer(name: name, storage: address, count: size)
        buffer.mappedLength = length
        return buffer
    }

    private static func readAll(
        descriptor: Int32, name: String, sizeHint: Int, limit: Int
    ) throws(InputError) -> InputBuffer {
        let padding = Int(sj_padding())
        // Room for one byte past the limit, so that reading it proves the input too large; never more.
        let largest = limit + 1 + padding
        var capacity = min(sizeHint + padding, largest)
        let tooLarge = InputError.unreadable(
            file: name, reason: "it is larger than \(Self.describe(bytes: limit)), more than a log can be")
        var storage = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64)
        var count = 0
        while true {
            if capacity - padding - count == 0 {
                // The limit is checked before growing, so that endless input never takes more than the limit.
                guard capacity < largest else {
                    storage.deallocate()
                    throw tooLarge
                }
                let grown = min(capacity * 2, largest)
                let larger = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 64)
                larger.copyMemory(from: storage, byteCount: count)
                storage.deallocate()
                storage = larger
                capacity = grown
            }
            let got = Glibc.read(descriptor, storage + count, capacity - padding - count)
            if got == 0 { break }
            if got < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                storage.deallocate()
                throw .unreadable(file: name, reason: reason)
            }
            // JSON and YAML text never holds a NUL byte: binary data (or /dev/zero) stops here, not at EOF.
            if let nul = memchr(storage + count, 0, got) {
                let offset = storage.distance(to: nul)
                let prefix = UnsafeRawBufferPointer(start: storage, count: offset)
                let position = SourcePosition(file: name, bytes: prefix, offset: offset)
                storage.deallocate()
                throw .malformedJSON(position, message: "a NUL byte: this is binary data, not JSON text")
            }
            count += got
            if count > limit {
                storage.deallocate()
                throw tooLarge
            }
        }
        (storage + count).initializeMemory(as: UInt8.self, repeating: 0, count: capacity - count)
        return InputBuffer(name: name, storage: storage, count: count)
    }
}
