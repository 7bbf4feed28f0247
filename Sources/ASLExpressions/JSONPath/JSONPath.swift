import RetraceCore

/// A parsed JSONPath expression as Step Functions accepts it.
///
/// Step Functions evaluates paths with Jayway JsonPath, and Retrace follows its model:
/// - a *definite* path (only member names and single indexes) yields one value, or fails when nothing is there;
/// - an *indefinite* path (`*`, `..`, slices, unions, filters) yields an array of every match, possibly empty.
/// *Reference paths* (required for `ResultPath`, Choice `Variable`, `ItemsPath`) are the definite ones.
///
/// Functions such as `length()` parse but never match: AWS accepts them when the definition is created and then
/// fails the execution with "could not be found" (`States.Runtime`). `$.items.length` is an ordinary member name,
/// which an array does not have. Besides `$` (the input) a path may start with `$$` (the context object) or with
/// `$name` (a variable assigned with `Assign`).
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// What the path starts from.
    public enum Root: Sendable, Hashable {
        /// `$`: the state's input (or the current node inside a filter's absolute path).
        case input
        /// `$$`: the context object.
        case context
        /// `$name`: a variable.
        case variable(String)
    }

    /// The path as written.
    public let text: String
    /// What the path starts from.
    public let root: Root
    /// The steps after the root.
    public let segments: [JSONPathSegment]

    /// Parses a path; throws `JSONPathError.syntax` saying where and what is wrong.
    public init(_ text: String) throws(JSONPathError) {
        var parser = JSONPathParser(text: text)
        let (root, segments) = try parser.parsePath()
        self.text = text
        self.root = root
        self.segments = segments
    }

    /// Parses a path that must be a reference path (one node, no wildcards, filters, slices or functions).
    public init(referencePath text: String) throws(JSONPathError) {
        try self.init(text)
        guard isDefinite else { throw .notAReferencePath(path: text) }
    }

    init(text: String, root: Root, segments: [JSONPathSegment]) {
        self.text = text
        self.root = root
        self.segments = segments
    }

    /// Whether the path can select at most one node: every step is a member name or a single index.
    public var isDefinite: Bool {
        segments.allSatisfy { segment in
            guard !segment.isDescendant else { return false }
            switch segment.selector {
            case .member, .index: return true
            default: return false
            }
        }
    }

    /// The path as written.
    public var description: String { text }
}

/// One step of a path: a selector, applied to the current nodes or (after `..`) to them and all their descendants.
public struct JSONPathSegment: Sendable, Hashable {
    /// Whether the step was written after `..` (recursive descent).
    public var isDescendant: Bool
    /// What the step selects.
    public var selector: JSONPathSelector

    /// Creates a step.
    public init(isDescendant: Bool = false, selector: JSONPathSelector) {
        self.isDescendant = isDescendant
        self.selector = selector
    }
}

/// What one step of a path selects.
public indirect enum JSONPathSelector: Sendable, Hashable {
    /// An object member: `.name` or `['name']`.
    case member(String)
    /// An array element, negative from the end: `[2]`, `[-1]`.
    case index(Int)
    /// Every member value or element: `.*`, `[*]`.
    case wildcard
    /// Array elements by range: `[start:end:step]`, each part optional.
    case slice(start: Int?, end: Int?, step: Int?)
    /// Several selections in order: `[0,2]`, `['a','b']`.
    case union([JSONPathSelector])
    /// Array elements (or the object itself) for which the filter holds: `[?(@.price < 10)]`.
    case filter(JSONPathFilter)
    /// A function call such as `length()`: accepted by the syntax, never matches (as on AWS).
    case function(String)
}
