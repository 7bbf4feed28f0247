import Lifecycles

/// What the inputs are, when the content should not decide (`--source`): a Step Functions history, or one of the
/// deployment log formats the registered services read (`LifecycleSource.allCases`).
public struct LogSource: Sendable, Hashable, CaseIterable, RawRepresentable {
    /// The name as `--source` takes it (`stepfunctions`, `cloudformation`, …).
    public let rawValue: String

    /// The source named `rawValue`, or `nil` when it names none.
    public init?(rawValue: String) {
        guard rawValue == LogSource.stepfunctions.rawValue || LifecycleSource(rawValue: rawValue) != nil else {
            return nil
        }
        self.rawValue = rawValue
    }

    private init(known rawValue: String) {
        self.rawValue = rawValue
    }

    /// A Step Functions execution history.
    public static let stepfunctions = LogSource(known: "stepfunctions")

    /// Step Functions, then every deployment log format, in registry order.
    public static var allCases: [LogSource] {
        [.stepfunctions] + LifecycleSource.allCases.map { LogSource(known: $0.rawValue) }
    }

    /// Every name, for help texts.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The deployment-log format it names; `nil` for Step Functions.
    var lifecycleSource: LifecycleSource? { LifecycleSource(rawValue: rawValue) }
}
