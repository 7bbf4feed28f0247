import RetraceCore

/// `$formatBase` and the URL codecs, which follow JavaScript's `toString(radix)`, `encodeURI(Component)` and
/// `decodeURI(Component)`.
extension JSONataBuiltins {
    static let encoding: [JSONataBuiltin] = [
        JSONataBuiltin("formatBase", "<n-n?:s>") { _, arguments in
            guard let number = arguments[0]?.double else { return nil }
            let radix = arguments[1]?.double ?? 10
            guard radix >= 2, radix <= 36 else {
                throw JSONataError.evaluation(
                    code: "D3100",
                    message: "The radix of the formatBase function must be between 2 and 36.  It was given "
                        + JSONataNumberFormatter.string(radix),
                    position: nil)
            }
            let rounded = number.rounded(.toNearestOrEven)
            guard let whole = Int64(exactly: rounded) else {
                return .string(JSONataNumberFormatter.string(rounded))
            }
            return .string(String(whole, radix: Int(radix)))
        },
        JSONataBuiltin("encodeUrlComponent", "<s-:s>") { evaluator, arguments in
            guard let text = arguments[0]?.string else { return nil }
            try evaluator.refuseLoneSurrogate(text, function: "encodeUrlComponent")
            return .string(percentEncode(text, keeping: unreserved))
        },
        JSONataBuiltin("encodeUrl", "<s-:s>") { evaluator, arguments in
            guard let text = arguments[0]?.string else { return nil }
            try evaluator.refuseLoneSurrogate(text, function: "encodeUrl")
            return .string(percentEncode(text, keeping: unreserved.union(reserved)))
        },
        JSONataBuiltin("decodeUrlComponent", "<s-:s>") { _, arguments in
            guard let text = arguments[0]?.string else { return nil }
            return .string(try percentDecode(text, keeping: [], function: "decodeUrlComponent"))
        },
        JSONataBuiltin("decodeUrl", "<s-:s>") { _, arguments in
            guard let text = arguments[0]?.string else { return nil }
            return .string(try percentDecode(text, keeping: reserved, function: "decodeUrl"))
        },
    ]

    /// Characters `encodeURIComponent` leaves alone.
    private static let unreserved: Set<UInt8> = Set(
        Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()".utf8))
    /// Characters `encodeURI` also leaves alone, and `decodeURI` leaves encoded.
    private static let reserved: Set<UInt8> = Set(Array(";,/?:@&=+$#".utf8))

    private static func percentEncode(_ text: String, keeping kept: Set<UInt8>) -> String {
        Hex.percentEncoded(text) { kept.contains($0) }
    }

    /// Decodes `%XX` escapes as UTF-8; escapes of the `keeping` characters stay as written. Malformed escapes
    /// or UTF-8 are `D3140`, as JavaScript's `URIError` is in JSONata.
    private static func percentDecode(_ text: String, keeping kept: Set<UInt8>, function: String)
        throws(JSONataError) -> String
    {
        let malformed = JSONataError.evaluation(
            code: "D3140",
            message: "Malformed URL passed to $\(function)(): \(JSONataStringifier.quote(text))", position: nil)
        let input = Array(text.utf8)
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        func escaped(at index: Int) -> UInt8? {
            guard index + 2 < input.count, input[index] == UInt8(ascii: "%"), let high = hex(input[index + 1]),
                let low = hex(input[index + 2])
            else { return nil }
            return high << 4 | low
        }
        var output: [UInt8] = []
        var index = 0
        while index < input.count {
            guard input[index] == UInt8(ascii: "%") else {
                output.append(input[index])
                index += 1
                continue
            }
            guard index + 2 < input.count, let lead = escaped(at: index) else { throw malformed }
            if lead < 0x80 {
                if kept.contains(lead) {
                    output += input[index..<index + 3]
                } else {
                    output.append(lead)
                }
                index += 3
                continue
            }
            let length: Int
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: throw malformed
            }
            var sequence = [lead]
            for continuation in 1..<length {
                let at = index + continuation * 3
                guard at + 2 < input.count, let byte = escaped(at: at), byte & 0xC0 == 0x80 else { throw malformed }
                sequence.append(byte)
            }
            guard String(validating: sequence, as: UTF8.self) != nil else { throw malformed }
            output += sequence
            index += length * 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}
