/// Hexadecimal text, as digests, signatures, trace and span ids, escapes and percent-encoding write it: one
/// implementation, written byte by byte (`String(format:)` costs microseconds a byte on Linux, and a request's
/// signature is three 32-byte digests).
public enum Hex {
    private static let lowercaseDigits: StaticString = "0123456789abcdef"
    private static let uppercaseDigits: StaticString = "0123456789ABCDEF"

    /// `bytes` as lowercase hexadecimal, two digits a byte.
    public static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        lowercaseDigits.withUTF8Buffer { digits in
            for byte in bytes {
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `value` as lowercase hexadecimal, zero-padded to `digits` digits (more when it needs more).
    public static func lowercase(_ value: UInt64, digits: Int) -> String {
        padded(String(value, radix: 16), to: digits)
    }

    /// `value` as uppercase hexadecimal, zero-padded to `digits` digits (more when it needs more).
    public static func uppercase(_ value: UInt64, digits: Int) -> String {
        padded(String(value, radix: 16, uppercase: true), to: digits)
    }

    /// The two lowercase digits of `byte` (a JSON `\u001f` escape).
    public static func lowercaseDigits(of byte: UInt8) -> (high: UInt8, low: UInt8) {
        lowercaseDigits.withUTF8Buffer { ($0[Int(byte >> 4)], $0[Int(byte & 0x0F)]) }
    }

    /// The two uppercase digits of `byte` (`%2F`, `0x1B`).
    public static func uppercaseDigits(of byte: UInt8) -> (high: UInt8, low: UInt8) {
        uppercaseDigits.withUTF8Buffer { ($0[Int(byte >> 4)], $0[Int(byte & 0x0F)]) }
    }

    /// `text`'s UTF-8 bytes with every byte that `keeping` refuses written as `%XX` (uppercase): SigV4's and
    /// JSONata's `encodeUrl` percent-encoding, which differ only in the bytes they keep.
    public static func percentEncoded(_ text: String, keeping: (UInt8) -> Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if keeping(byte) {
                out.append(byte)
            } else {
                let digits = uppercaseDigits(of: byte)
                out += [UInt8(ascii: "%"), digits.high, digits.low]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func padded(_ digits: String, to width: Int) -> String {
        String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
