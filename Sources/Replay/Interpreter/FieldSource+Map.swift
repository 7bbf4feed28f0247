import StepFunctions

extension FieldSource {
    /// The same source with a literal converted by `transform` (paths and expressions are kept).
    func map<Other>(_ transform: (Value) -> Other) -> FieldSource<Other> {
        switch self {
        case .literal(let value): return .literal(transform(value))
        case .path(let path): return .path(path)
        case .expression(let text): return .expression(text)
        }
    }
}
