/// Higher-order functions over objects and arrays that the collection functions leave out: `$single`, `$each`,
/// `$sift`, `$spread` and `$shuffle`.
extension JSONataBuiltins {
    static let objects: [JSONataBuiltin] = [
        JSONataBuiltin("single", "<af?>") { evaluator, arguments in
            guard let array = arguments[0], let items = array.elements else { return nil }
            let predicate = try arguments[1].map { value throws(JSONataError) in
                try function(value, argument: 2, of: "single")
            }
            var found: JSONataValue?
            try evaluator.charge(items.count)
            for (index, item) in items.enumerated() {
                if let predicate {
                    let verdict = try evaluator.invoke(predicate, [item, .integer(Int64(index)), array])
                    guard JSONataEvaluator.truthy(verdict) == true else { continue }
                }
                guard found == nil else {
                    throw JSONataError.evaluation(
                        code: "D3138",
                        message: "The $single() function expected exactly 1 matching result.  Instead it matched more.",
                        position: nil)
                }
                found = item
            }
            guard let found else {
                throw JSONataError.evaluation(
                    code: "D3139",
                    message: "The $single() function expected exactly 1 matching result.  Instead it matched 0.",
                    position: nil)
            }
            return found
        },
        JSONataBuiltin("each", "<o-f:a>") { evaluator, arguments in
            guard let object = arguments[0], let members = object.members else { return nil }
            let body = try function(arguments[1], argument: 2, of: "each")
            var results: [JSONataValue] = []
            for member in members {
                if let value = try evaluator.invoke(body, [member.value, .string(member.key), object]) {
                    results.append(value)
                }
            }
            return .sequence(results)
        },
        JSONataBuiltin("sift", "<o-f?:o>") { evaluator, arguments in
            guard let object = arguments[0], let members = object.members else { return nil }
            let test = try function(arguments[1], argument: 2, of: "sift")
            var sifted = JSONataObject()
            for member in members {
                let verdict = try evaluator.invoke(test, [member.value, .string(member.key), object])
                if JSONataEvaluator.truthy(verdict) == true { sifted.set(member.key, member.value) }
            }
            return sifted.count == 0 ? nil : .object(sifted)
        },
        JSONataBuiltin("spread", "<x-:a<o>>") { evaluator, arguments in
            guard let value = arguments[0] else { return nil }
            return try spread(value, evaluator: evaluator)
        },
        JSONataBuiltin("shuffle", "<a:a>") { evaluator, arguments in
            guard let array = arguments[0], var items = array.elements else { return nil }
            try evaluator.charge(items.count)
            // Fisher–Yates, drawing from the evaluation's source so that replay is reproducible.
            var index = items.count - 1
            while index > 0 {
                let other = min(Int(evaluator.source.random() * Double(index + 1)), index)
                items.swapAt(index, other)
                index -= 1
            }
            return .plainArray(items)
        },
    ]

    /// An object as one single-member object per key; arrays spread item by item; anything else as it is.
    private static func spread(_ value: JSONataValue, evaluator: JSONataEvaluator) throws -> JSONataValue? {
        if let items = value.elements {
            var result: JSONataValue?
            for item in items {
                result = try evaluator.append(result, try spread(item, evaluator: evaluator), at: nil)
            }
            return result
        }
        guard let members = value.members else { return value }
        try evaluator.charge(members.count)
        return .sequence(
            members.map { member in
                var single = JSONataObject()
                single.set(member.key, member.value)
                return .object(single)
            })
    }
}
