import RetraceCore

/// The functions AWS Step Functions adds to JSONata, replacing the JSONPath intrinsics:
///
/// - `$partition(array, size)`: consecutive chunks of `size` items; the last may be shorter (`States.ArrayPartition`).
/// - `$range(start, end, step?)`: integers from `start` to `end` inclusive, `step` (default 1, may be negative)
///   apart; at most `JSONataLimits.maximumFunctionRangeSize` items (`States.ArrayRange` allows 1,000); one item is
///   returned as that number, as the service does.
/// - `$hash(value, algorithm)`: lowercase hexadecimal digest of the string's UTF-8 bytes with `MD5`, `SHA-1`,
///   `SHA-256`, `SHA-384` or `SHA-512` (`States.Hash`).
/// - `$random(seed?)`: a number in `[0, 1)`; with a seed, the same seed always gives the same number. AWS does
///   not publish its generator, so seeded values are reproducible here but not equal to AWS's.
/// - `$uuid()`: a version 4 UUID (`States.UUID`).
/// - `$parse(text)`: the JSON value the text holds; Step Functions offers it instead of `$eval`.
extension JSONataBuiltins {
    static let stepFunctions: [JSONataBuiltin] = [
        JSONataBuiltin("partition", "<an:a>") { evaluator, arguments in
            guard let items = arguments[0]?.elements, let size = arguments[1]?.double else { return nil }
            guard size >= 1, size.rounded() == size else {
                throw JSONataError.evaluation(
                    code: "R0101",
                    message:
                        "The chunk size of $partition must be a positive integer; got \(JSONataNumberFormatter.string(size))",
                    position: nil)
            }
            let chunk = size >= Double(items.count) ? max(items.count, 1) : Int(size)
            var chunks: [JSONataValue] = []
            var start = 0
            while start < items.count {
                let end = min(start + chunk, items.count)
                chunks.append(.plainArray(Array(items[start..<end])))
                start = end
            }
            try evaluator.charge(items.count)
            return try evaluator.checkDepth(.plainArray(chunks), at: nil)
        },
        JSONataBuiltin("range", "<nnn?:a>") { evaluator, arguments in
            guard let start = arguments[0]?.double, let end = arguments[1]?.double else { return nil }
            let step = arguments[2]?.double ?? 1
            guard [start, end, step].allSatisfy({ $0.rounded() == $0 && $0.magnitude <= 9_007_199_254_740_992 }) else {
                throw JSONataError.evaluation(
                    code: "R0102", message: "The arguments of $range must be integers", position: nil)
            }
            guard step != 0 else {
                throw JSONataError.evaluation(code: "R0102", message: "The step of $range must not be 0", position: nil)
            }
            let span = (end - start) / step
            let count = span < 0 ? 0 : span.rounded(.down) + 1
            guard count <= Double(evaluator.limits.maximumFunctionRangeSize) else {
                throw JSONataError.evaluation(
                    code: "R0105",
                    message: "$range would return \(JSONataNumberFormatter.string(count)) items; at most "
                        + "\(evaluator.limits.maximumFunctionRangeSize) are allowed",
                    position: nil)
            }
            try evaluator.charge(Int(count))
            // Step Functions returns a range of one item as that number, as JSONata unwraps one-item sequences.
            if count == 1 { return JSONataEvaluator.number(start) }
            return .plainArray((0..<Int(count)).map { JSONataEvaluator.number(start + Double($0) * step) })
        },
        JSONataBuiltin("hash", "<ss:s>") { evaluator, arguments in
            guard let text = arguments[0]?.string else { return nil }
            let name = arguments[1]?.string ?? ""
            guard let algorithm = Digest.Algorithm(rawValue: name) else {
                throw JSONataError.evaluation(
                    code: "R0103",
                    message: "$hash does not support the algorithm \(JSONataStringifier.quote(name)); use MD5, SHA-1, "
                        + "SHA-256, SHA-384 or SHA-512",
                    position: nil)
            }
            try evaluator.charge(text.utf8.count / 64)
            return .string(Digest.hexDigest(of: text, with: algorithm))
        },
        JSONataBuiltin("random", "<n?:n>") { evaluator, arguments in
            guard let seed = arguments[0]?.double else { return .number(evaluator.source.random()) }
            var generator = SplitMix64(
                seed: seed.rounded() == seed && seed.magnitude < 9.2e18
                    ? UInt64(bitPattern: Int64(seed)) : seed.bitPattern)
            return .number(JSONataSeededSource.unitInterval(generator.next()))
        },
        JSONataBuiltin("uuid", "<:s>") { evaluator, _ in .string(evaluator.source.uuid()) },
        JSONataBuiltin("parse", "<s:x>") { evaluator, arguments in
            guard let text = arguments[0]?.string else { return nil }
            try evaluator.charge(text.utf8.count / 64)
            do {
                return JSONataValue(try JSONValue.parse(text, name: "$parse"))
            } catch {
                throw JSONataError.evaluation(
                    code: "R0104", message: "The argument of $parse is not valid JSON: \(error)", position: nil)
            }
        },
    ]
}
