/// Where the elements of one array member of a JSON object lie in its bytes, found by one scan, in groups a few
/// megabytes long: what lets a large history be parsed a group at a time (`JSONReader.forEachPiece`), so that the
/// parser's tape and string buffer, several times the input's size when it is parsed whole, stay the size of a
/// group.
///
/// The scan finds boundaries only; it trusts the parser to judge what lies between them. It gives up (`nil`) on
/// anything it does not expect, so that the input is then parsed whole and any mistake in it is reported as
/// usual.
struct JSONArraySplit: Equatable {
    /// A run of consecutive elements.
    struct Group: Equatable {
        /// From the first byte of the first element to just past the last.
        var bytes: Range<Int>
        /// The position of the first element in the array.
        var firstIndex: Int
        /// How many elements.
        var count: Int
    }

    /// The member split.
    var member: String
    /// The offset of the object's `{`.
    var objectStart: Int
    /// The first element, which stays in the object (`skeleton`) so that the object still says what it is.
    var first: Range<Int>
    /// The offset of the array's closing `]`.
    var closingBracket: Int
    /// The other elements, in order.
    var groups: [Group]

    /// The bytes of the object with only the first element left in the array.
    func skeleton(of bytes: UnsafeRawBufferPointer) -> [UInt8] {
        Array(bytes[..<first.upperBound]) + Array(bytes[closingBracket...])
    }

    /// Finds the array of the object that `bytes` hold under the first of `members` (in that order) the object
    /// has, as a reader looking the members up in turn would, and groups its elements after the first into runs of
    /// about `groupBytes`; an element larger than that is a group by itself.
    ///
    /// - Returns: `nil` when `bytes` are not one object, when the member found is not an array of two elements or
    ///   more, when a key of the object is written with escapes (it might be one of `members`), when nesting goes
    ///   deeper than `maxDepth`, or when the scan meets anything it does not expect (invalid JSON).
    static func find(
        members: [String], in bytes: UnsafeRawBufferPointer, groupBytes: Int, maxDepth: Int
    ) -> JSONArraySplit? {
        var scanner = Scanner(bytes: bytes, maxDepth: maxDepth)
        let keys = members.map { Array($0.utf8) }
        scanner.skipWhitespace()
        let objectStart = scanner.position
        guard scanner.take(UInt8(ascii: "{")) else { return nil }
        // The first occurrence of each of `members`, as a lookup finds it; arrays split as they are met.
        var found: [Int: JSONArraySplit?] = [:]
        scanner.skipWhitespace()
        if scanner.take(UInt8(ascii: "}")) { return nil }
        while true {
            scanner.skipWhitespace()
            guard let name = scanner.string(), !bytes[name].contains(0x5C) else { return nil }
            scanner.skipWhitespace()
            guard scanner.take(UInt8(ascii: ":")) else { return nil }
            scanner.skipWhitespace()
            if let index = keys.firstIndex(where: { bytes[name].elementsEqual($0) }), found[index] == nil {
                if scanner.peek == UInt8(ascii: "[") {
                    // Fewer than two elements, or unexpected bytes: nothing to gain, or for the whole parse to say.
                    guard
                        let split = scanner.splitArray(
                            member: members[index], groupBytes: groupBytes, objectStart: objectStart)
                    else { return nil }
                    found[index] = .some(split)
                    scanner.position += 1
                } else {
                    found[index] = .some(nil)
                    guard scanner.skipValue(depth: 1) else { return nil }
                }
            } else {
                guard scanner.skipValue(depth: 1) else { return nil }
            }
            scanner.skipWhitespace()
            if scanner.take(UInt8(ascii: "}")) { break }
            guard scanner.take(UInt8(ascii: ",")) else { return nil }
        }
        return found.min { $0.key < $1.key }?.value ?? nil
    }

    private struct Scanner {
        let bytes: UnsafeRawBufferPointer
        let maxDepth: Int
        var position = 0

        init(bytes: UnsafeRawBufferPointer, maxDepth: Int) {
            self.bytes = bytes
            self.maxDepth = maxDepth
        }

        var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func take(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            position += 1
            return true
        }

        mutating func skipWhitespace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x0A, 0x0D, 0x09: position += 1
                default: return
                }
            }
        }

        /// Skips a string starting at `position`; the range of its content.
        mutating func string() -> Range<Int>? {
            guard take(UInt8(ascii: "\"")), let base = bytes.baseAddress else { return nil }
            let start = position
            while position < bytes.count {
                // Eight bytes at a time to the next quote or backslash: most of an event log's bytes are in strings.
                while position + 8 <= bytes.count {
                    let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: position, as: UInt64.self))
                    let found = Scanner.bytesEqual(word, 0x22) | Scanner.bytesEqual(word, 0x5C)
                    if found != 0 {
                        position += found.trailingZeroBitCount / 8
                        break
                    }
                    position += 8
                }
                guard position < bytes.count else { return nil }
                switch bytes[position] {
                case 0x22:
                    position += 1
                    return start..<(position - 1)
                case 0x5C:
                    // An escape and the byte it escapes (`\"` does not end the string).
                    position += 2
                default:
                    position += 1
                }
            }
            return nil
        }

        /// The high bit of each byte of `word` that equals `byte`, exact up to the first such byte (all the
        /// caller reads: the borrow of a match may mark a byte above it).
        private static func bytesEqual(_ word: UInt64, _ byte: UInt8) -> UInt64 {
            let difference = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
            return (difference &- 0x0101_0101_0101_0101) & ~difference & 0x8080_8080_8080_8080
        }

        /// Skips one value of any kind, found at nesting `depth` (the array or object it is in counted).
        mutating func skipValue(depth: Int) -> Bool {
            guard let byte = peek else { return false }
            switch byte {
            case UInt8(ascii: "\""):
                return string() != nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var level = depth
                while position < bytes.count {
                    switch bytes[position] {
                    case UInt8(ascii: "\""):
                        guard string() != nil else { return false }
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["):
                        level += 1
                        guard level <= maxDepth else { return false }
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        level -= 1
                        if level == depth {
                            position += 1
                            return true
                        }
                    default:
                        break
                    }
                    position += 1
                }
                return false
            default:
                // A number, `true`, `false` or `null`: up to the next delimiter, for the parser to judge.
                let start = position
                while position < bytes.count {
                    switch bytes[position] {
                    case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), 0x20, 0x0A, 0x0D, 0x09:
                        return position > start
                    default:
                        position += 1
                    }
                }
                return false
            }
        }

        /// Splits the array starting at `position`, a member of the top-level object; leaves `position` at its
        /// closing bracket. `nil` for an array of fewer than two elements, or unexpected bytes.
        mutating func splitArray(member: String, groupBytes: Int, objectStart: Int) -> JSONArraySplit? {
            position += 1
            var first: Range<Int>?
            var groups: [Group] = []
            var index = 0
            while true {
                skipWhitespace()
                let start = position
                guard skipValue(depth: 2) else { return nil }
                if first == nil {
                    first = start..<position
                } else if let last = groups.last, last.bytes.count < groupBytes, position - start < groupBytes {
                    groups[groups.count - 1].bytes = last.bytes.lowerBound..<position
                    groups[groups.count - 1].count += 1
                } else {
                    groups.append(Group(bytes: start..<position, firstIndex: index, count: 1))
                }
                index += 1
                skipWhitespace()
                if peek == UInt8(ascii: "]") { break }
                guard take(UInt8(ascii: ",")) else { return nil }
            }
            guard let first, !groups.isEmpty else { return nil }
            return JSONArraySplit(
                member: member, objectStart: objectStart, first: first, closingBracket: position, groups: groups)
        }
    }
}
