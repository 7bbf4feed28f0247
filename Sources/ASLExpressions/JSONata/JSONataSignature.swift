/// A built-in function's parameter types, written in JSONata's signature notation (`<s-nn?:s>`), and the
/// argument checking JSONata does with it: type errors `T0410`–`T0412`, the context item standing in for a
/// missing first argument (`-`), and single values wrapped into arrays for array parameters.
struct JSONataSignature: Sendable {
    struct Parameter: Sendable {
        /// Type symbols accepted (`m`, undefined, is always accepted).
        var accepts: Set<Character>
        var isArray = false
        /// For `a<n>`: the type every element must have.
        var subtype: Character?
        var optional = false
        var usesContext = false
        var variadic = false
    }

    let parameters: [Parameter]

    /// Why a signature written in an expression cannot be read: JSONata's code (`S0401`, `S0402`), message and
    /// the offset of the offending character within the signature text.
    struct ParseError: Error {
        var code: String
        var message: String
        var offset: Int
    }

    /// Parses the notation of the signatures written in this module, which are known to be valid.
    init(_ text: String) {
        parameters = (try? JSONataSignature.parse(text)) ?? []
    }

    /// Parses a signature written in an expression (`function($x)<n-:s>{…}`).
    init(parsing text: String) throws(ParseError) {
        parameters = try JSONataSignature.parse(text)
    }

    private static func parse(_ text: String) throws(ParseError) -> [Parameter] {
        var parameters: [Parameter] = []
        let characters = Array(text)
        var index = characters.first == "<" ? 1 : 0
        let all: Set<Character> = ["a", "s", "n", "b", "l", "f", "o"]
        /// Skips a `<…>` type parameter starting at `index`, returning its text without the brackets.
        func typeParameter() -> String {
            var depth = 0
            let start = index
            repeat {
                if characters[index] == "<" { depth += 1 }
                if characters[index] == ">" { depth -= 1 }
                index += 1
            } while depth > 0 && index < characters.count
            return String(characters[(start + 1)..<max(start + 1, index - 1)])
        }
        while index < characters.count, characters[index] != ":", characters[index] != ">" {
            let symbol = characters[index]
            let symbolOffset = index
            index += 1
            var parameter: Parameter
            switch symbol {
            case "(":
                var union: Set<Character> = []
                while index < characters.count, characters[index] != ")" {
                    if characters[index] == "<" {
                        throw ParseError(
                            code: "S0402", message: "Choice groups containing parameterized types are not supported",
                            offset: index)
                    }
                    union.insert(characters[index])
                    index += 1
                }
                index += 1
                parameter = Parameter(accepts: union)
            case "a":
                parameter = Parameter(accepts: all, isArray: true)
                if index < characters.count, characters[index] == "<" {
                    parameter.subtype = typeParameter().first
                }
            case "f":
                parameter = Parameter(accepts: ["f"])
                // A function parameter's own signature is not checked (JSONata does not check it either).
                if index < characters.count, characters[index] == "<" { _ = typeParameter() }
            case "x": parameter = Parameter(accepts: all)
            case "j": parameter = Parameter(accepts: all.subtracting(["f"]))
            default: parameter = Parameter(accepts: [symbol])
            }
            if index < characters.count, characters[index] == "<" {
                throw ParseError(
                    code: "S0401", message: "Type parameters can only be applied to functions and arrays",
                    offset: symbolOffset)
            }
            while index < characters.count, "?+-".contains(characters[index]) {
                switch characters[index] {
                case "?": parameter.optional = true
                case "+": parameter.variadic = true
                default: parameter.usesContext = true
                }
                index += 1
            }
            parameters.append(parameter)
        }
        return parameters
    }

    /// Checks `arguments` against the signature and returns the arguments the implementation receives: one
    /// per parameter (variadic parameters take the rest), context substituted, arrays wrapped.
    func validate(
        _ arguments: [JSONataValue?], context: JSONataValue?, function: String, by evaluator: JSONataEvaluator
    ) throws(JSONataError) -> [JSONataValue?] {
        let symbols = arguments.map { $0?.signatureSymbol ?? "m" }
        guard let assignment = match(symbols, parameter: 0, argument: 0) else {
            throw mismatch(symbols, arguments, function: function)
        }
        var validated: [JSONataValue?] = []
        let name = JSONataStringifier.quote(function)
        for (parameterIndex, parameter) in parameters.enumerated() {
            let consumed = assignment[parameterIndex]
            if consumed.isEmpty {
                if parameter.usesContext {
                    var context = context
                    if case .array(let array)? = context, array.flags.contains(.outerWrapper) {
                        context = array.items.first
                    }
                    let symbol = context?.signatureSymbol ?? "m"
                    guard symbol == "m" || parameter.accepts.contains(symbol) else {
                        throw .evaluation(
                            code: "T0411",
                            message: "Context value is not a compatible type with argument \(parameterIndex + 1) "
                                + "of function \(name)",
                            position: nil)
                    }
                    validated.append(context)
                } else {
                    validated.append(nil)
                }
                continue
            }
            for argumentIndex in consumed {
                if parameter.accepts == ["n"] { try evaluator.usable(arguments[argumentIndex], at: nil) }
                guard parameter.isArray, let argument = arguments[argumentIndex] else {
                    validated.append(arguments[argumentIndex])
                    continue
                }
                if let subtype = parameter.subtype {
                    let items = argument.elements ?? [argument]
                    let matches =
                        argument.isArray
                        ? items.allSatisfy { $0.signatureSymbol == subtype } : argument.signatureSymbol == subtype
                    guard matches else {
                        throw .evaluation(
                            code: "T0412",
                            message: "Argument \(argumentIndex + 1) of function \(name) must be an array of "
                                + JSONataSignature.plural(subtype),
                            position: nil)
                    }
                }
                if let count = argument.elementCount {
                    try evaluator.charge(count / 8)
                    validated.append(argument)
                } else {
                    validated.append(.plainArray([argument]))
                }
            }
        }
        return validated
    }

    private static func plural(_ symbol: Character) -> String {
        switch symbol {
        case "a": return "arrays"
        case "b": return "booleans"
        case "f": return "functions"
        case "n": return "numbers"
        case "o": return "objects"
        default: return "strings"
        }
    }

    /// Assigns arguments to parameters the way JSONata's signature regular expression does: greedily, in
    /// order, backtracking over optional parameters. Returns the argument indexes each parameter takes.
    private func match(_ symbols: [Character], parameter: Int, argument: Int) -> [[Int]]? {
        guard parameter < parameters.count else { return argument == symbols.count ? [] : nil }
        let current = parameters[parameter]
        func accepts(_ index: Int) -> Bool {
            index < symbols.count && (symbols[index] == "m" || current.accepts.contains(symbols[index]))
        }
        var options: [Int] = []
        if current.variadic {
            var count = 0
            while accepts(argument + count) { count += 1 }
            if count > 0 { options = Array((1...count).reversed()) }
        } else if accepts(argument) {
            options = [1]
        }
        if current.optional || current.usesContext { options.append(0) }
        for taken in options {
            if let rest = match(symbols, parameter: parameter + 1, argument: argument + taken) {
                return [Array(argument..<argument + taken)] + rest
            }
        }
        return nil
    }

    /// `T0410`, naming the first argument at which a greedy left-to-right match fails.
    private func mismatch(_ symbols: [Character], _ arguments: [JSONataValue?], function: String) -> JSONataError {
        var argument = 0
        for parameter in parameters {
            let accepted =
                argument < symbols.count
                && (symbols[argument] == "m" || parameter.accepts.contains(symbols[argument]))
            if parameter.variadic {
                guard accepted else { break }
                while argument < symbols.count
                    && (symbols[argument] == "m" || parameter.accepts.contains(symbols[argument]))
                {
                    argument += 1
                }
            } else if accepted {
                argument += 1
            } else if !(parameter.optional || parameter.usesContext) {
                break
            }
        }
        return .evaluation(
            code: "T0410",
            message: "Argument \(argument + 1) of function \(JSONataStringifier.quote(function)) does not match "
                + "function signature",
            position: nil)
    }
}
