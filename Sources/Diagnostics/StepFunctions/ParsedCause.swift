import Foundation
import RetraceCore

/// What a failure's `cause` text says once read: Lambda's error object, an AWS SDK service error, the
/// interpreter's "entered at the event id #n" prefix. Every field is optional; `raw` is always kept.
public struct ParsedCause: Sendable, Hashable {
    /// The cause as recorded, up to the 32,768 characters Step Functions records (`ReportedCause`): a longer one
    /// was not written by AWS, and reading it whole cost time out of proportion (200 traces of 256 KiB took
    /// 17 s to read where the same bytes as outputs took 0.13 s).
    public var raw: String
    /// Lambda `errorType`, or the SDK exception name.
    public var errorType: String?
    /// Lambda `errorMessage`, or the SDK message.
    public var message: String?
    /// The stack trace, innermost frame first; of the deepest `cause` when exceptions are chained (Java).
    public var trace: StackTrace?
    /// AWS service named by an SDK error (`Service: AmazonDynamoDBv2`).
    public var service: String?
    /// HTTP status of an SDK error.
    public var statusCode: Int?
    /// AWS error code of an SDK error (`Error Code: ResourceNotFoundException`).
    public var errorCode: String?
    /// The id of the `*StateEntered` event the interpreter names ("entered at the event id #12").
    public var enteredEventID: Int64?
    /// The state the interpreter names ("while executing the state 'Charge'").
    public var stateName: String?

    /// Reads a cause text.
    public init(_ raw: String) {
        self.raw = ReportedCause.clipped(raw)
        parseInterpreterPrefix()
        parseLambdaObject()
        parseServiceError()
        if trace == nil, errorType == nil, self.raw.utf8.contains(UInt8(ascii: "\n")) {
            trace = StackTrace(text: self.raw)
        }
    }

    private mutating func parseInterpreterPrefix() {
        if let range = raw.firstRange(ofBytes: "entered at the event id #") {
            let digits = raw[range.upperBound...].prefix { $0.isNumber }
            enteredEventID = Int64(digits)
        }
        if let start = raw.firstRange(ofBytes: "executing the state '") {
            let name = raw[start.upperBound...].prefix { $0 != "'" }
            if !name.isEmpty { stateName = String(name) }
        }
    }

    private mutating func parseLambdaObject() {
        let trimmed = raw.drop { $0 == " " || $0 == "\n" }
        guard trimmed.first == "{", let value = try? JSONValue.parse(String(trimmed)), let object = value.objectValue
        else { return }
        errorType = object["errorType"]?.stringValue ?? object["ErrorType"]?.stringValue
        message =
            object["errorMessage"]?.stringValue ?? object["ErrorMessage"]?.stringValue
            ?? object["message"]?.stringValue
        // Chained exceptions (Java's `cause`) raise in the deepest one.
        var deepest = object
        var depth = 0
        while let inner = deepest["cause"]?.objectValue, depth < 20 {
            deepest = inner
            depth += 1
        }
        trace = StackTrace(lambdaError: deepest) ?? StackTrace(lambdaError: object)
    }

    private mutating func parseServiceError() {
        // "… (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ResourceNotFoundException; Request ID: …)"
        // and the newer "Service: DynamoDb, Status Code: 400, Request ID: …" both separate fields by ; or ,.
        guard let serviceRange = raw.firstRange(ofBytes: "Service: ") else { return }
        service = value(after: serviceRange.upperBound)
        if let status = raw.firstRange(ofBytes: "Status Code: ") {
            statusCode = value(after: status.upperBound).flatMap { Int($0) }
        }
        if let code = raw.firstRange(ofBytes: "Error Code: ") { errorCode = value(after: code.upperBound) }
        if message == nil {
            let head = raw[..<serviceRange.lowerBound].trimmingCharacters(in: CharacterSet(charactersIn: " (\n"))
            if !head.isEmpty { message = head }
        }
    }

    private func value(after index: String.Index) -> String? {
        let text = raw[index...].prefix { $0 != ";" && $0 != "," && $0 != ")" }.trimmingCharacters(
            in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// The cause in one line and its frames, for reports; `nil` when nothing was read beyond the text.
    public var detail: CauseDetail? {
        var summary: String
        if let service {
            summary = "\(service) answered"
            if let statusCode { summary += " HTTP \(statusCode)" }
            if let errorCode { summary += " (\(errorCode))" }
            if let message { summary += ": \(message)" }
        } else if enteredEventID != nil, let range = raw.firstRange(ofBytes: "). ") {
            // The interpreter's "An error occurred while executing the state 'X' (entered at the event id #2). …":
            // the state and event are in the report already; what follows is the news.
            summary = String(raw[range.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
        } else if let errorType, let message {
            summary = "\(errorType): \(message)"
        } else if let text = message ?? errorType {
            summary = text
        } else if trace != nil {
            summary = String(raw.prefix { !$0.isNewline }.prefix(1_000))
        } else {
            return nil
        }
        return CauseDetail(
            summary: summary, runtime: trace?.runtime.rawValue, raisedAt: trace?.raisedAt, handlerAt: trace?.handlerAt)
    }
}
