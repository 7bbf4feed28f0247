import Foundation
import RetraceCore
import Testing

@testable import AWSClient

/// The token read from a page's last bytes, to send the next request before the page is read, must be exactly the
/// token the page's reading finds, or nothing: a wrong guess would fetch a page that does not follow.
struct HistoryPageTests {
    /// The guess, and what reading the whole page says, for `text`.
    static func both(_ text: String) throws -> (guess: String?, read: String?) {
        let body = Data(text.utf8)
        let page = try HistoryPage(
            InputBuffer(name: "GetExecutionHistory", bytes: body), keepingEvents: false, reader: JSONReader())
        return (HistoryPage.trailingNextToken(in: body), page.nextToken)
    }

    @Test func theTokenClosingAnAnswerIsReadFromItsEnd() throws {
        let events = #"[{"id":1,"type":"ExecutionStarted"},{"id":2,"type":"PassStateEntered"}]"#
        for text in [
            #"{"events":\#(events),"nextToken":"AAAA+b/c=="}"#,
            "{\"events\": \(events),\n  \"nextToken\" :\t\"AAAA+b/c==\"\n}\n",
            #"{"nextToken":"AAAA+b/c=="}"#,
        ] {
            let (guess, read) = try Self.both(text)
            #expect(guess == "AAAA+b/c==", "\(text)")
            #expect(guess == read)
        }
    }

    @Test func anythingElseGivesNoGuess() throws {
        for text in [
            #"{"nextToken":"AAAA","events":[]}"#,  // not the last member
            #"{"events":[],"more":{"nextToken":"AAAA"}}"#,  // nested
            #"{"events":[{"output":"x\",\"nextToken\":\"FAKE\"}"}]}"#,  // inside a string
            #"{"events":[],"nextToken":"AA\/AA"}"#,  // an escape: read properly instead
            #"{"events":[],"nextToken":""}"#,
            #"{"events":[],"xnextToken":"AAAA"}"#,
            #"{"events":[]}"#,
            #"{"events":[],"nextToken":null}"#,
        ] {
            #expect(HistoryPage.trailingNextToken(in: Data(text.utf8)) == nil, "\(text)")
        }
        #expect(HistoryPage.trailingNextToken(in: Data()) == nil)
        #expect(HistoryPage.trailingNextToken(in: Data("\"nextToken\":\"A\"}".utf8)) == nil, "no member before it")
    }
}
