import Foundation
import RetraceTestSupport
import StepFunctions
import Testing

@testable import Rendering

/// The DOT of every history the package ships, compared byte for byte with its golden file: DOT is ours, so
/// any change to what a graph says shows up here as a diff to review.
@Suite("Execution graph: DOT golden files")
struct ExecutionGraphSnapshotTests {
    static func snapshotName(_ file: String, suffix: String = "") -> String {
        let base = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let prefix = file.hasPrefix("Samples/") ? "sample" : "fixture"
        return "graphs/\(prefix)-\(base)\(suffix).dot"
    }

    @Test(arguments: TestHistory.packageFiles)
    func dotMatchesGoldenFile(file: String) throws {
        let (tree, diagnosis) = try TestHistory.analysed(file: file)
        let dot = ExecutionGraph(tree: tree, diagnosis: diagnosis).dot()
        Snapshot.expectMatches(dot, named: Self.snapshotName(file), filePath: TestHistory.snapshotAnchor)
    }

    @Test func leftToRightOnlyChangesTheDirection() throws {
        let (tree, diagnosis) = try TestHistory.analysed(file: "Samples/order-success.json")
        let graph = ExecutionGraph(tree: tree, diagnosis: diagnosis)
        let topDown = graph.dot()
        let leftRight = graph.dot(direction: .leftToRight)
        #expect(topDown.contains("rankdir=\"TB\""))
        #expect(leftRight.contains("rankdir=\"LR\""))
        #expect(leftRight.replacingOccurrences(of: "rankdir=\"LR\"", with: "rankdir=\"TB\"") == topDown)
    }

    @Test func sameInputSameBytes() throws {
        let (tree, diagnosis) = try TestHistory.analysed(file: "Samples/map-failure.json")
        let first = ExecutionGraph(tree: tree, diagnosis: diagnosis).dot()
        let second = ExecutionGraph(tree: tree, diagnosis: diagnosis).dot()
        #expect(first == second)
    }

    @Test func definitionDrawsStatesNeverEnteredGolden() throws {
        let (tree, diagnosis) = try TestHistory.analysed(file: "Samples/retry-then-catch.json")
        let definition = try StateMachineDefinition(parsing: GraphDefinitions.retryThenCatch)
        let dot = ExecutionGraph(tree: tree, diagnosis: diagnosis, definition: definition).dot()
        Snapshot.expectMatches(
            dot, named: Self.snapshotName("Samples/retry-then-catch.json", suffix: "-definition"),
            filePath: TestHistory.snapshotAnchor)
    }
}

/// Definitions written for the samples, to draw what was never entered.
enum GraphDefinitions {
    /// The machine `Samples/retry-then-catch.json` ran: AuthorizePayment retries throttling, then a Catch
    /// sends it to manual review; Capture and the Fail state were never entered.
    static let retryThenCatch = """
        {
          "StartAt": "AuthorizePayment",
          "States": {
            "AuthorizePayment": {
              "Type": "Task",
              "Resource": "arn:aws:states:::lambda:invoke",
              "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "MaxAttempts": 3}],
              "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "QueueForManualReview"}],
              "Next": "Capture"
            },
            "Capture": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Done"},
            "QueueForManualReview": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "End": true},
            "Done": {"Type": "Succeed"},
            "Unreachable": {"Type": "Fail", "Error": "Never", "Cause": "nothing leads here"}
          }
        }
        """

    /// The machine of `Samples/order-success.json`, with a Parallel and a Map, plus a Choice branch never taken.
    static let orderSuccess = """
        {
          "StartAt": "ValidateOrder",
          "States": {
            "ValidateOrder": {"Type": "Pass", "Next": "ChargeAndReserve"},
            "ChargeAndReserve": {
              "Type": "Parallel",
              "Branches": [
                {"StartAt": "ChargeCard", "States": {"ChargeCard": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
                {"StartAt": "ReserveStock", "States": {"ReserveStock": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}
              ],
              "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Refund"}],
              "Next": "PackItems"
            },
            "Refund": {
              "Type": "Map",
              "ItemProcessor": {"StartAt": "RefundLine", "States": {"RefundLine": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
              "Next": "Failed"
            },
            "Failed": {"Type": "Fail"},
            "PackItems": {
              "Type": "Map",
              "ItemProcessor": {"StartAt": "PackItem", "States": {
                "PackItem": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Skipped"},
                "Skipped": {"Type": "Pass", "End": true}
              }},
              "Next": "NotifyShipping"
            },
            "NotifyShipping": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}
          }
        }
        """
}
