import RetraceCore
import Testing

/// Values written apart by `nested()` writers and handed on in order (`drain(appending:into:)`) must give, byte for
/// byte, what one writer writing them in turn gives: pretty and compact, at any depth, after values already written
/// or none.
struct JSONWriterNestedTests {
    static func element(_ index: Int, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("index", index)
        writer.key("states")
        writer.beginArray()
        writer.string("a\(index)")
        writer.beginObject()
        writer.member("name", "b \"\(index)\"")
        writer.endObject()
        writer.endArray()
        writer.endObject()
    }

    /// The document `{"outer": {"items": [0..<count]}}`, with the items from `split` on written by nested writers in
    /// pieces of `piece`.
    static func document(count: Int, split: Int, piece: Int, compact: Bool) -> String {
        var writer = JSONWriter(compact: compact)
        var text: [UInt8] = []
        writer.beginObject()
        writer.key("outer")
        writer.beginObject()
        writer.key("items")
        writer.beginArray()
        for index in 0..<split { element(index, to: &writer) }
        var start = split
        while start < count {
            var nested = writer.nested()
            for index in start..<min(start + piece, count) { element(index, to: &nested) }
            writer.drain(appending: nested) { text.append(contentsOf: $0) }
            start += piece
        }
        writer.drain(appending: writer.nested()) { text.append(contentsOf: $0) }  // an empty piece adds nothing
        writer.endArray()
        writer.endObject()
        writer.endObject()
        writer.drain(over: 0) { text.append(contentsOf: $0) }
        return String(decoding: text, as: UTF8.self)
    }

    @Test(arguments: [false, true])
    func piecesWrittenApartReadAsOnePass(compact: Bool) {
        let whole = Self.document(count: 7, split: 7, piece: 1, compact: compact)
        #expect(whole.contains("\"index\""))
        for (split, piece) in [(0, 1), (0, 3), (2, 2), (3, 7), (6, 1)] {
            #expect(Self.document(count: 7, split: split, piece: piece, compact: compact) == whole)
        }
        #expect(Self.document(count: 0, split: 0, piece: 2, compact: compact).contains("\"items\""))
    }
}
