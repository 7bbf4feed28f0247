import RetraceCore
import Testing

@Suite struct NounTests {
    @Test func regularPluralsFollowEnglishSpelling() {
        #expect(Noun("event").counted(1) == "1 event")
        #expect(Noun("event").counted(0) == "0 events")
        #expect(Noun("event").counted(2) == "2 events")
        #expect(Noun("retry").counted(3) == "3 retries")
        #expect(Noun("day").counted(2) == "2 days")
        #expect(Noun("branch").counted(2) == "2 branches")
        #expect(Noun("process").counted(2) == "2 processes")
        #expect(Noun("redrive").counted(1) == "1 redrive")
    }

    @Test func irregularPluralsAreNamed() {
        let child = Noun("child", plural: "children")
        #expect(child.counted(1) == "1 child")
        #expect(child.counted(4) == "4 children")
        #expect(Noun.isVerb.form(for: 2) == "are")
        #expect(Noun.wasVerb.form(for: 1) == "was")
    }
}
