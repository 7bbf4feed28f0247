import Testing

@testable import Lifecycles

@Suite("Event ids indexed by position, and texts interned by their bytes")
struct EventIDIndexTests {
    /// Ids as the services write them: UUIDs, CloudFormation's logical id and UUID, ModelArts numbers, and ids of
    /// every length around a word's eight bytes.
    private static let ids: [String] = {
        var ids: [String] = []
        for number in 0..<3000 {
            ids.append("Function\(number % 40)-3c1e2d3f-4a5b-4c6d-8e9f-\(String(number, radix: 16))")
            ids.append("#\(number + 1)")
        }
        for length in 0...20 { ids.append(String(repeating: "x", count: length)) }
        ids.append("é∑🚀")
        return ids
    }()

    @Test("every id is found at its position; ids never added are not", arguments: [64, 0])
    func findsEveryID(longestProbe: Int) {
        var index = EventIDIndex(capacity: 10, longestProbe: longestProbe)
        let ids = Self.ids
        for (position, id) in ids.enumerated() { #expect(index.insert(id, at: position) { ids[$0] } == nil) }
        #expect(index.count == ids.count)
        for (position, id) in ids.enumerated() { #expect(index.position(of: id) { ids[$0] } == position) }
        for missing in ["", "#0", "#3001", "Function1-", "xxxxxxxxxxxxxxxxxxxxx", "é∑"] where !ids.contains(missing) {
            #expect(index.position(of: missing) { ids[$0] } == nil, "\(missing)")
        }
        // Probes of any length at all move it into a dictionary, which answers the same.
        #expect(index.isDictionary == (longestProbe == 0))
    }

    @Test("built at once, part of the table at a time: the same answers", arguments: [64, 0])
    func builtAtOnce(longestProbe: Int) {
        let ids = Self.ids + ["#1", "Function0-3c1e2d3f-4a5b-4c6d-8e9f-0"]
        let index = EventIDIndex(count: ids.count, longestProbe: longestProbe) { ids[$0] }
        #expect(index.count == Self.ids.count)
        #expect(index.isDictionary == (longestProbe == 0))
        for (position, id) in Self.ids.enumerated() { #expect(index.position(of: id) { ids[$0] } == position) }
        #expect(index.position(of: "#0") { ids[$0] } == nil)
        #expect(EventIDIndex.build(count: ids.count) { ids[$0] }.repeats)
        #expect(!EventIDIndex.build(count: Self.ids.count) { Self.ids[$0] }.repeats)
        #expect(!EventIDIndex.build(count: 0) { ids[$0] }.repeats)
    }

    @Test("a repeated id gives the first position back and keeps it", arguments: [64, 0])
    func repeatedIDKeepsTheFirst(longestProbe: Int) {
        let ids = ["a", "b", "a", "c", "b"]
        var index = EventIDIndex(capacity: 2, longestProbe: longestProbe)
        let answers = ids.enumerated().map { position, id in index.insert(id, at: position) { ids[$0] } }
        #expect(answers == [nil, nil, 0, nil, 1])
        #expect(index.count == 3)
        #expect(index.position(of: "a") { ids[$0] } == 0)
        #expect(index.position(of: "b") { ids[$0] } == 1)
        #expect(EventIDIndex(ids: ids).position(of: "c") { ids[$0] } == 3)
    }

    @Test func internedTextsAreSharedUpToTheCapacity() {
        let interner = StringInterner(capacity: 2)
        func intern(_ text: String) -> String {
            var copy = text
            return copy.withUTF8 { interner.intern(bytes: $0) }
        }
        let long = "Server process exited with an error"
        let first = intern(long)
        let again = intern(String(long.reversed().reversed()))
        #expect(first == long && again == long)
        // The same storage: the second lookup made no new string.
        #expect(
            first.utf8.withContiguousStorageIfAvailable { $0.baseAddress }
                == again.utf8.withContiguousStorageIfAvailable { $0.baseAddress })
        #expect(intern("") == "")
        // Past the capacity, texts come back as they are, equal but not kept.
        let third = intern(long + " again")
        let thirdAgain = intern(long + " again")
        #expect(third == thirdAgain)
        #expect(
            third.utf8.withContiguousStorageIfAvailable { $0.baseAddress }
                != thirdAgain.utf8.withContiguousStorageIfAvailable { $0.baseAddress })
        #expect(interner.intern(Optional<String>.none) == nil)
    }
}
