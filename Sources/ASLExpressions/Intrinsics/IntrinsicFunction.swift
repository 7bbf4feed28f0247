/// The intrinsic functions of JSONPath states, by their `States.` name.
public enum IntrinsicFunction: String, Sendable, Hashable, CaseIterable {
    /// `States.Format(template, values…)`
    case format = "States.Format"
    /// `States.StringToJson(string)`
    case stringToJson = "States.StringToJson"
    /// `States.JsonToString(value)`
    case jsonToString = "States.JsonToString"
    /// `States.Array(values…)`
    case array = "States.Array"
    /// `States.ArrayPartition(array, size)`
    case arrayPartition = "States.ArrayPartition"
    /// `States.ArrayContains(array, value)`
    case arrayContains = "States.ArrayContains"
    /// `States.ArrayRange(first, last, step)`
    case arrayRange = "States.ArrayRange"
    /// `States.ArrayGetItem(array, index)`
    case arrayGetItem = "States.ArrayGetItem"
    /// `States.ArrayLength(array)`
    case arrayLength = "States.ArrayLength"
    /// `States.ArrayUnique(array)`
    case arrayUnique = "States.ArrayUnique"
    /// `States.Base64Encode(string)`
    case base64Encode = "States.Base64Encode"
    /// `States.Base64Decode(string)`
    case base64Decode = "States.Base64Decode"
    /// `States.Hash(string, algorithm)`
    case hash = "States.Hash"
    /// `States.JsonMerge(object, object, false)`
    case jsonMerge = "States.JsonMerge"
    /// `States.MathRandom(start, end[, seed])`
    case mathRandom = "States.MathRandom"
    /// `States.MathAdd(a, b)`
    case mathAdd = "States.MathAdd"
    /// `States.StringSplit(string, delimiters)`
    case stringSplit = "States.StringSplit"
    /// `States.UUID()`
    case uuid = "States.UUID"

    /// How many arguments the function takes.
    public var arity: ClosedRange<Int> {
        switch self {
        case .format: return 1...Int.max
        case .array: return 0...Int.max
        case .stringToJson, .jsonToString, .arrayLength, .arrayUnique, .base64Encode, .base64Decode: return 1...1
        case .arrayPartition, .arrayContains, .arrayGetItem, .hash, .mathAdd, .stringSplit: return 2...2
        case .arrayRange, .jsonMerge: return 3...3
        case .mathRandom: return 2...3
        case .uuid: return 0...0
        }
    }

    /// The arity in words: "exactly 2", "2 or 3", "at least 1".
    var arityDescription: String {
        let range = arity
        if range.lowerBound == range.upperBound { return "exactly \(range.lowerBound)" }
        if range.upperBound == Int.max { return "at least \(range.lowerBound)" }
        return "\(range.lowerBound) or \(range.upperBound)"
    }
}
