/// Bounds on the work one expression may do, so that hostile or runaway expressions end with an error
/// instead of a crash, a hang or exhausted memory.
///
/// The defaults are far above what a Step Functions payload (at most 256 KiB) can need: the largest array such a
/// payload can hold has about 130,000 elements.
public struct JSONataLimits: Sendable, Hashable {
    /// Deepest nesting of evaluation: JSONata reports `U1001` (stack overflow) for runaway recursion; so do we,
    /// at this depth rather than at the machine's stack limit. A recursive function uses two or three levels
    /// per call. Expressions that need much stack are evaluated on a dedicated thread with a 64 MiB stack, so
    /// the limit holds whatever thread the caller is on.
    public var maximumDepth: Int = 2_000
    /// Deepest nesting of the expression text itself (`R0003`): brackets, operator chains, path steps and
    /// predicates per step. The parsed tree is released recursively, so its height stays modest.
    public var maximumExpressionDepth: Int = 500
    /// Evaluation steps (one per sub-expression evaluated, plus one per element of every array built or
    /// scanned; a few million take about a second). Exceeding it is `U1001`, the code of
    /// JSONata's own evaluation time box.
    public var maximumSteps: Int = 10_000_000
    /// Largest array the range operator `[a..b]` may build: 10,000,000, as in JSONata (`D2014`). Building one
    /// is charged one step per eight numbers, so the largest range fits in the step budget.
    public var maximumRangeSize: Int = 10_000_000
    /// Largest array the AWS `$range` function may build. Step Functions documents a limit of 1,000 items for
    /// its `States.ArrayRange` intrinsic, which `$range` replaces; we apply the same limit (`R0105`).
    public var maximumFunctionRangeSize: Int = 1_000
    /// Longest string, in UTF-8 bytes, that concatenation and string functions may build (`R0002`).
    public var maximumStringLength: Int = 4 * 1024 * 1024
    /// Most scopes that functions defined in the expression may capture (`R0006`). Captured scopes live until
    /// the evaluation ends (that is how recursive functions see themselves), so they are bounded separately.
    public var maximumClosures: Int = 100_000
    /// Deepest nesting of arrays and objects built by an expression (`R0004`). Parsed JSON is limited to 1,024
    /// levels by the reader; this bounds what expressions build on top of it.
    public var maximumValueDepth: Int = 256

    /// The default limits.
    public init() {}
}
