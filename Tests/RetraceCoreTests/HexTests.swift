import RetraceCore
import Testing

struct HexTests {
    @Test func bytesAreTwoLowercaseDigitsEach() {
        #expect(Hex.lowercase([UInt8]()) == "")
        #expect(Hex.lowercase([0x00, 0x0f, 0x10, 0xab, 0xff]) == "000f10abff")
        #expect(Hex.lowercase((0...255).map { UInt8($0) }).count == 512)
    }

    @Test func integersArePaddedToTheirWidth() {
        #expect(Hex.lowercase(0, digits: 16) == "0000000000000000")
        #expect(Hex.lowercase(0xdead_beef, digits: 16) == "00000000deadbeef")
        #expect(Hex.lowercase(UInt64.max, digits: 4) == "ffffffffffffffff")
    }

    @Test func percentEncodingDigitsAreUppercase() {
        #expect(Hex.uppercaseDigits(of: 0x2f) == (UInt8(ascii: "2"), UInt8(ascii: "F")))
        #expect(Hex.uppercaseDigits(of: 0xa0) == (UInt8(ascii: "A"), UInt8(ascii: "0")))
    }

    @Test func integersCanBeUppercase() {
        #expect(Hex.uppercase(0x1b, digits: 4) == "001B")
        #expect(Hex.uppercase(0xff, digits: 2) == "FF")
    }

    @Test func jsonEscapeDigitsAreLowercase() {
        #expect(Hex.lowercaseDigits(of: 0x1f) == (UInt8(ascii: "1"), UInt8(ascii: "f")))
    }

    @Test func percentEncodingKeepsOnlyWhatItIsTold() {
        #expect(Hex.percentEncoded("a b/é") { $0 == UInt8(ascii: "a") || $0 == UInt8(ascii: "b") } == "a%20b%2F%C3%A9")
        #expect(Hex.percentEncoded("") { _ in false } == "")
    }
}
