import Foundation
import RetraceCore

/// What a failure's `cause` text says once read: Lambda's error object, an AWS SDK service error, the
/// interpreter's "entered at the event id #n" prefix. Every field is optional; `raw` is always kept.
public struct ParsedCause: Sendable, Hashable {
    /// The cause as recorded.
    public var raw: String
    /// Lambda `errorType`, or the SDK exception name.
    public var errorType: String?
    /// Lambda `errorMessage`, or the SDK message.
    public var message: String?
    /// The first frames of Lambda's `stackTrace`.
    public var stackTrace: [String]
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

    /// How many stack frames to keep: enough to see where, few enough to read.
    public static let keptFrames = 3

    /// Reads a cause text.
    public init(_ raw: String) {
        self.raw = raw
        stackTrace = []
        parseInterpreterPrefix()
        parseLambdaObject()
        parseServiceError()
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
        if let frames = object["stackTrace"]?.arrayValue {
            stackTrace = frames.compactMap { frame in
                // Python frames carry the source line after a newline; the location line is what matters.
                if let text = frame.stringValue {
                    return text.split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) }
                }
                // Python Lambda writes frames as [file, line, function, code].
                if let parts = frame.arrayValue {
                    let texts = parts.map { $0.stringValue ?? ($0.doubleValue.map { String(Int($0)) } ?? "") }
                    return texts.joined(separator: ":")
                }
                return nil
            }.prefix(ParsedCause.keptFrames).map { $0 }
        }
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
}
