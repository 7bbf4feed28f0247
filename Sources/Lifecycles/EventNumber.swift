/// The ids given to events that have none, `#1`, `#2`, … in log order (`PageMerger`), counted in their decimal
/// digits: a million ids are made, and checked, without formatting an integer each.
struct EventNumber {
    /// `#` and the digits, most significant first.
    private var bytes: [UInt8] = [UInt8(ascii: "#"), UInt8(ascii: "0")]

    /// The id as text.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The next number.
    mutating func advance() {
        var index = bytes.count - 1
        while index > 0, bytes[index] == UInt8(ascii: "9") {
            bytes[index] = UInt8(ascii: "0")
            index -= 1
        }
        if index == 0 {
            bytes.insert(UInt8(ascii: "1"), at: 1)
        } else {
            bytes[index] += 1
        }
    }

    /// Whether `id` is this number's id.
    func isText(of id: String) -> Bool { id.utf8.elementsEqual(bytes) }

    /// Where the event numbered `id` stands if every event before it was numbered too: `#7` is at position 6.
    /// `nil` for an id that is not a number.
    static func position(ofNumbered id: String) -> Int? {
        let utf8 = id.utf8
        guard utf8.first == UInt8(ascii: "#"), utf8.count > 1, utf8.count <= 19 else { return nil }
        var value = 0
        for byte in utf8.dropFirst() {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value > 0 ? value - 1 : nil
    }
}
