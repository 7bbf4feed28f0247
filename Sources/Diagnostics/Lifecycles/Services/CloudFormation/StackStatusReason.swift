/// A CloudFormation `ResourceStatusReason` taken apart: the handler's message and error code when a resource
/// provider wrote it, and the Image Builder details when an image build failed.
struct StackStatusReason: Sendable, Hashable {
    /// The reason as recorded.
    var text: String
    /// The provider's message from `Resource handler returned message: "…"`, when present.
    var handlerMessage: String?
    /// `HandlerErrorCode: X`, when present.
    var handlerErrorCode: String?
    /// Image Builder: the stage the build was in (`in state = 'BUILDING'`).
    var imageBuilderStage: String?
    /// Image Builder: the build's status (`with status = 'Failed'`).
    var imageBuilderStatus: String?
    /// Image Builder: the failing component's name, from its ARN (`component/<name>/<version>`).
    var failingComponent: String?
    /// Image Builder: the failure message (`failure message = '…'`).
    var imageBuilderFailure: String?

    init(_ text: String) {
        self.text = text
        handlerMessage =
            StackStatusReason.between(text, "Resource handler returned message: \"", "\" (RequestToken")
            ?? StackStatusReason.between(text, "Resource handler returned message: \"", "\" (HandlerErrorCode")
        if let code = StackStatusReason.after(text, "HandlerErrorCode: ") {
            handlerErrorCode = String(code.prefix { $0.isLetter || $0.isNumber })
            if handlerErrorCode?.isEmpty ?? true { handlerErrorCode = nil }
        }
        imageBuilderStage = StackStatusReason.between(text, "in state = '", "'")
        imageBuilderStatus = StackStatusReason.between(text, "with status = '", "'")
        if let arn = StackStatusReason.after(text, ":component/") {
            let name = arn.prefix { $0 != "/" && $0 != "'" && $0 != " " && $0 != "\"" }
            failingComponent = name.isEmpty ? nil : String(name)
        }
        if let failure = StackStatusReason.between(text, "failure message = '", "''")
            ?? StackStatusReason.between(text, "failure message = '", "'.")
        {
            imageBuilderFailure = failure
        }
    }

    /// Whether the reason says the resource was only cancelled because another one failed.
    var isCancellation: Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("resource creation cancelled") || lower.hasPrefix("resource update cancelled")
    }

    /// Whether the reason only summarises other failures ("The following resource(s) failed to create: […]").
    var isSummary: Bool { text.hasPrefix("The following resource(s) failed to") }

    private static func after(_ text: String, _ marker: String) -> Substring? {
        guard let range = text.firstRange(of: marker) else { return nil }
        return text[range.upperBound...]
    }

    private static func between(_ text: String, _ start: String, _ end: String) -> String? {
        guard let rest = after(text, start), let close = rest.firstRange(of: end) else { return nil }
        return String(rest[..<close.lowerBound])
    }
}
