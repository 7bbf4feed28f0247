/// The value of `InputPath`, `OutputPath` or `ResultPath` when the field is present.
///
/// `null` is meaningful and differs from absence: `InputPath: null` gives the state `{}`, `ResultPath: null` discards
/// the result. Absence means the default `$`, which is why the fields are optional `PathSetting`s.
public enum PathSetting: Sendable, Hashable {
    /// A JSONPath (a reference path for `ResultPath`).
    case path(String)
    /// The field was set to JSON `null`.
    case null

    /// The path text, or `nil` for `null`.
    public var path: String? {
        if case .path(let text) = self { return text }
        return nil
    }
}
