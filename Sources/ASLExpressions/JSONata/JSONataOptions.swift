/// How an expression is evaluated: its safety limits and where nondeterministic functions get their values.
public struct JSONataOptions: Sendable {
    /// Bounds on depth, steps and sizes.
    public var limits: JSONataLimits
    /// The source of `$now()`, `$millis()`, `$uuid()` and `$random()`.
    public var nondeterminism: any JSONataNondeterminism

    /// Options with the given limits and source (by default: default limits and the system clock and
    /// random generator).
    public init(
        limits: JSONataLimits = JSONataLimits(), nondeterminism: any JSONataNondeterminism = JSONataSystemSource()
    ) {
        self.limits = limits
        self.nondeterminism = nondeterminism
    }
}
