/// Hexadecimal text, as digests, signatures and trace and span ids are written: one implementation, written byte by
/// byte (`String(format:)` costs microseconds a byte on Linux, and a request's signature is three 32-byte digests).
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
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// The two uppercase digits of `byte`, as percent-encoding writes them (`%2F`).
    public static func uppercaseDigits(of byte: UInt8) -> (high: UInt8, low: UInt8) {
        uppercaseDigits.withUTF8Buffer { ($0[Int(byte >> 4)], $0[Int(byte & 0x0F)]) }
    }
}
