/// The language a state's expressions are written in.
///
/// `JSONPath` is the default; `JSONata` can be chosen for the whole machine or per state. A state machine whose
/// top level is JSONata cannot switch single states back to JSONPath.
public enum QueryLanguage: String, Sendable, Hashable, CaseIterable {
    /// Paths (`$.a.b`), payload templates with `.$` keys and intrinsic functions.
    case jsonPath = "JSONPath"
    /// `{% … %}` expressions, `Arguments` and `Output` instead of the path fields.
    case jsonata = "JSONata"
}
