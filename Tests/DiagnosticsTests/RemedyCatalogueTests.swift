import Diagnostics
import Foundation
import RetraceTestSupport
import Testing

@Suite("The remedy catalogue")
struct RemedyCatalogueTests {
    @Test func everyFamilyIsDocumented() throws {
        let text = try String(contentsOf: PackagePaths.root.appendingPathComponent("docs/remedies.md"), encoding: .utf8)
        for entry in RemedyCatalogue.entries {
            #expect(text.contains("| `\(entry.family)` |"), "docs/remedies.md lacks \(entry.family)")
        }
        #expect(Set(RemedyCatalogue.entries.map(\.family)).count == RemedyCatalogue.entries.count)
    }

    @Test(
        arguments: [
            ("States.DataLimitExceeded", nil, "data-limit"),
            ("Lambda.TooManyRequestsException", nil, "throttling"),
            ("DynamoDB.ProvisionedThroughputExceededException", "Rate exceeded", "throttling"),
            (
                "States.TaskFailed", "User: arn:aws:sts::1:assumed-role/r is not authorized to perform: s3:GetObject",
                "permissions"
            ),
            ("S3.NoSuchKeyException", nil, "resource-not-found"),
            ("States.Runtime", "The execution reached the maximum number of history events (25000).", "history-limit"),
            ("States.Runtime", "Invalid path '$.x'", "runtime-path"),
            ("States.QueryEvaluationError", nil, "query-evaluation"),
            ("States.Timeout", nil, "timeout"),
            ("Lambda.ServiceException", nil, "lambda-service"),
        ] as [(String, String?, String)])
    func matchesFamilies(error: String, cause: String?, family: String) {
        #expect(RemedyCatalogue.entry(error: error, cause: cause)?.family == family)
    }

    @Test func unknownErrorsGetNoInventedAdvice() {
        #expect(RemedyCatalogue.entry(error: "MyApp.OrderRejected", cause: "order 17 was rejected by policy") == nil)
    }
}
