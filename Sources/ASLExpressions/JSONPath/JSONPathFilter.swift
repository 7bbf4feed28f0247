import RetraceCore

/// A filter expression, the part between `[?(` and `)]`.
public indirect enum JSONPathFilter: Sendable, Hashable {
    /// `a || b`
    case or(JSONPathFilter, JSONPathFilter)
    /// `a && b`
    case and(JSONPathFilter, JSONPathFilter)
    /// `!a`
    case not(JSONPathFilter)
    /// `left op right`
    case comparison(FilterOperand, FilterComparison, FilterOperand)
    /// `@.name` alone: the node has something at that path.
    case exists(FilterOperand)
}

/// A value in a filter: a literal, or a path from the current node (`@`) or from the root (`$`).
public enum FilterOperand: Sendable, Hashable {
    /// A number, string, boolean or null written in the filter.
    case literal(JSONValue)
    /// `@…`: a path from the node being tested (the root of the inner path is that node).
    case current(JSONPath)
    /// `$…`: a path from the input.
    case root(JSONPath)
}

/// The comparison operators of filters.
public enum FilterComparison: String, Sendable, Hashable, CaseIterable {
    /// `==`
    case equal = "=="
    /// `!=`
    case notEqual = "!="
    /// `<`
    case less = "<"
    /// `<=`
    case lessOrEqual = "<="
    /// `>`
    case greater = ">"
    /// `>=`
    case greaterOrEqual = ">="
}
