import RetraceCore

extension JSONPath {
    /// Evaluates the path as Step Functions does: a definite path yields its one value (or throws `notFound`),
    /// an indefinite one yields an array of every match, possibly empty.
    public func evaluate(in environment: ExpressionEnvironment) throws(JSONPathError) -> JSONValue {
        if isDefinite { return try definiteValue(in: environment) }
        return .array(try matches(in: environment))
    }

    /// The value of a definite path; throws `notFound` naming the first step that found nothing.
    public func definiteValue(in environment: ExpressionEnvironment) throws(JSONPathError) -> JSONValue {
        let start = try rootValue(in: environment)
        var current = start
        var location = rootSpelling
        for segment in segments {
            switch segment.selector {
            case .member(let name):
                location += "['\(name)']"
                guard case .object(let object) = current, let next = object[name] else {
                    throw .notFound(path: text, missing: location, input: start)
                }
                current = next
            case .index(let index):
                location += "[\(index)]"
                guard case .array(let elements) = current, let next = Self.element(elements, at: index) else {
                    throw .notFound(path: text, missing: location, input: start)
                }
                current = next
            default:
                throw .notAReferencePath(path: text)
            }
        }
        return current
    }

    /// Whether the path selects at least one node. Missing variables count as absent, not as errors: this is what
    /// Choice `IsPresent` asks.
    public func exists(in environment: ExpressionEnvironment) -> Bool {
        do {
            if isDefinite {
                _ = try definiteValue(in: environment)
                return true
            }
            return try !matches(in: environment).isEmpty
        } catch {
            return false
        }
    }

    /// Every node the path selects, in document order.
    public func matches(in environment: ExpressionEnvironment) throws(JSONPathError) -> [JSONValue] {
        try Self.apply(segments, to: [try rootValue(in: environment)], environment: environment)
    }

    /// The nodes selected when the path's steps start from `node` instead of the root (for `@` in filters).
    func matches(from node: JSONValue, environment: ExpressionEnvironment) throws(JSONPathError) -> [JSONValue] {
        try Self.apply(segments, to: [node], environment: environment)
    }

    func rootValue(in environment: ExpressionEnvironment) throws(JSONPathError) -> JSONValue {
        switch root {
        case .input: return environment.input
        case .context: return environment.context
        case .variable(let name):
            guard let value = environment.variables[name] else { throw .undefinedVariable(name: name, path: text) }
            return value
        }
    }

    private var rootSpelling: String {
        switch root {
        case .input: return "$"
        case .context: return "$$"
        case .variable(let name): return "$\(name)"
        }
    }

    static func element(_ elements: [JSONValue], at index: Int) -> JSONValue? {
        let resolved = index < 0 ? elements.count + index : index
        guard resolved >= 0, resolved < elements.count else { return nil }
        return elements[resolved]
    }

    // MARK: - Node sets

    private static func apply(
        _ segments: [JSONPathSegment], to start: [JSONValue], environment: ExpressionEnvironment
    ) throws(JSONPathError) -> [JSONValue] {
        var nodes = start
        for segment in segments {
            var next: [JSONValue] = []
            for node in nodes {
                if segment.isDescendant, case .filter(let filter) = segment.selector {
                    // Each object of the tree is tested once, in document order: testing an array's elements and
                    // then each element against itself would select every match twice.
                    for candidate in descendants(of: node) where candidate.objectValue != nil {
                        if try filter.holds(for: candidate, environment: environment) { next.append(candidate) }
                    }
                } else if segment.isDescendant {
                    for candidate in descendants(of: node) {
                        try select(segment.selector, from: candidate, into: &next, environment: environment)
                    }
                } else {
                    try select(segment.selector, from: node, into: &next, environment: environment)
                }
            }
            nodes = next
        }
        return nodes
    }

    /// The node and everything inside it, in document order (pre-order), without recursion.
    private static func descendants(of node: JSONValue) -> [JSONValue] {
        var result: [JSONValue] = []
        var pending: [JSONValue] = [node]
        while let current = pending.popLast() {
            result.append(current)
            switch current {
            case .array(let elements): pending.append(contentsOf: elements.reversed())
            case .object(let object): pending.append(contentsOf: object.map(\.value).reversed())
            default: break
            }
        }
        return result
    }

    private static func select(
        _ selector: JSONPathSelector, from node: JSONValue, into result: inout [JSONValue],
        environment: ExpressionEnvironment
    ) throws(JSONPathError) {
        switch selector {
        case .member(let name):
            if case .object(let object) = node, let value = object[name] { result.append(value) }
        case .index(let index):
            if case .array(let elements) = node, let value = element(elements, at: index) { result.append(value) }
        case .wildcard:
            switch node {
            case .array(let elements): result.append(contentsOf: elements)
            case .object(let object): result.append(contentsOf: object.map(\.value))
            default: break
            }
        case .slice(let start, let end, let step):
            if case .array(let elements) = node {
                result.append(contentsOf: slice(elements, start: start, end: end, step: step ?? 1))
            }
        case .union(let selectors):
            for inner in selectors { try select(inner, from: node, into: &result, environment: environment) }
        case .filter(let filter):
            switch node {
            case .array(let elements):
                // AWS: "the @ operator … does not match scalar values. It only matches objects."
                for element in elements where element.objectValue != nil {
                    if try filter.holds(for: element, environment: environment) { result.append(element) }
                }
            case .object:
                // Jayway tests an object against the filter itself rather than its members.
                if try filter.holds(for: node, environment: environment) { result.append(node) }
            default:
                break
            }
        case .function:
            break
        }
    }

    /// Python-style slicing: negative bounds count from the end, out-of-range bounds are clamped.
    static func slice(_ elements: [JSONValue], start: Int?, end: Int?, step: Int) -> [JSONValue] {
        let count = elements.count
        guard count > 0, step != 0 else { return [] }
        func resolve(_ bound: Int, lower: Int, upper: Int) -> Int {
            let value = bound < 0 ? bound + count : bound
            return min(max(value, lower), upper)
        }
        var result: [JSONValue] = []
        if step > 0 {
            var index = start.map { resolve($0, lower: 0, upper: count) } ?? 0
            let stop = end.map { resolve($0, lower: 0, upper: count) } ?? count
            while index < stop {
                result.append(elements[index])
                let (advanced, overflow) = index.addingReportingOverflow(step)
                if overflow { break }
                index = advanced
            }
        } else {
            var index = start.map { resolve($0, lower: -1, upper: count - 1) } ?? count - 1
            let stop = end.map { resolve($0, lower: -1, upper: count - 1) } ?? -1
            while index > stop {
                result.append(elements[index])
                let (advanced, overflow) = index.addingReportingOverflow(step)
                if overflow { break }
                index = advanced
            }
        }
        return result
    }
}

extension JSONPathFilter {
    /// Whether the filter holds for `node` (what `@` refers to).
    func holds(for node: JSONValue, environment: ExpressionEnvironment) throws(JSONPathError) -> Bool {
        switch self {
        case .or(let left, let right):
            if try left.holds(for: node, environment: environment) { return true }
            return try right.holds(for: node, environment: environment)
        case .and(let left, let right):
            guard try left.holds(for: node, environment: environment) else { return false }
            return try right.holds(for: node, environment: environment)
        case .not(let inner):
            return try !inner.holds(for: node, environment: environment)
        case .exists(let operand):
            return try operand.value(for: node, environment: environment) != nil
        case .comparison(let left, let comparison, let right):
            guard let lhs = try left.value(for: node, environment: environment),
                let rhs = try right.value(for: node, environment: environment)
            else { return false }
            return comparison.compare(lhs, rhs)
        }
    }
}

extension FilterOperand {
    /// The operand's value for the node under test; `nil` when its path selects nothing.
    func value(for node: JSONValue, environment: ExpressionEnvironment) throws(JSONPathError) -> JSONValue? {
        switch self {
        case .literal(let value):
            return value
        case .current(let path):
            let found = try path.matches(from: node, environment: environment)
            if path.isDefinite { return found.first }
            return .array(found)
        case .root(let path):
            let found = try path.matches(in: environment)
            if path.isDefinite { return found.first }
            return .array(found)
        }
    }
}

extension FilterComparison {
    /// Compares two values: equality structurally (numbers by value), order only between two numbers or two
    /// strings (as Java orders strings); anything else is false.
    func compare(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch self {
        case .equal: return lhs == rhs
        case .notEqual: return lhs != rhs
        default:
            let order: Int
            if let left = lhs.doubleValue, let right = rhs.doubleValue {
                order = JSONValue.numericOrder(lhs, rhs) ?? (left < right ? -1 : left > right ? 1 : 0)
            } else if case .string(let left) = lhs, case .string(let right) = rhs {
                order = JavaStringOrder.compare(left, right)
            } else {
                return false
            }
            switch self {
            case .less: return order < 0
            case .lessOrEqual: return order <= 0
            case .greater: return order > 0
            case .greaterOrEqual: return order >= 0
            case .equal, .notEqual: return false
            }
        }
    }
}

extension JSONValue {
    /// Exact order of two integers (doubles lose precision past 2^53); `nil` unless both are integers. Shared by
    /// JSONPath filters and Choice rules so that both compare large integers alike.
    public static func numericOrder(_ lhs: JSONValue, _ rhs: JSONValue) -> Int? {
        guard case .integer(let left) = lhs, case .integer(let right) = rhs else { return nil }
        return left < right ? -1 : left > right ? 1 : 0
    }
}

/// String order as Java's `String.compareTo`, which Step Functions uses: lexicographic over UTF-16 code units.
/// Public because Choice rules and JSONPath filters must order strings the same way.
public enum JavaStringOrder {
    /// -1, 0 or 1 as `lhs` sorts before, equal to or after `rhs`.
    public static func compare(_ lhs: String, _ rhs: String) -> Int {
        var left = lhs.utf16.makeIterator()
        var right = rhs.utf16.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let a?, let b?):
                if a != b { return a < b ? -1 : 1 }
            }
        }
    }
}
