/// The ASL state types that appear in histories, read from the prefix of `*StateEntered` / `*StateExited`.
public enum StateType: String, Sendable, Hashable, CaseIterable {
    /// `Task`: a service integration, Lambda function or activity.
    case task = "Task"
    /// `Choice`: a branch on the input.
    case choice = "Choice"
    /// `Fail`: stops the execution (or the branch / iteration) with an error.
    case fail = "Fail"
    /// `Map`: runs its processor once per item.
    case map = "Map"
    /// `Parallel`: runs its branches side by side.
    case parallel = "Parallel"
    /// `Pass`: passes or shapes data.
    case pass = "Pass"
    /// `Succeed`: stops successfully.
    case succeed = "Succeed"
    /// `Wait`: waits for a time or a timestamp.
    case wait = "Wait"
}
