/// Functions driven by XPath picture strings: `$formatInteger`, `$parseInteger` and `$formatNumber`.
extension JSONataBuiltins {
    static let pictures: [JSONataBuiltin] = [
        JSONataBuiltin("formatInteger", "<n-s:s>") { _, arguments in
            guard let value = arguments[0]?.double, let picture = arguments[1]?.string else { return nil }
            return .string(try integerPicture(picture).format(value))
        },
        JSONataBuiltin("formatNumber", "<n-so?:s>") { _, arguments in
            guard let value = arguments[0]?.double, let picture = arguments[1]?.string else { return nil }
            let options = (arguments[2]?.members ?? []).compactMap { member -> (key: String, value: String)? in
                member.value.string.map { (key: member.key, value: $0) }
            }
            do throws(JSONataNumberPicture.Problem) {
                let parsed = try JSONataNumberPicture(picture, format: JSONataNumberPicture.Format(options: options))
                return .string(parsed.format(value))
            } catch {
                throw JSONataError.evaluation(code: error.code, message: error.message, position: nil)
            }
        },
        JSONataBuiltin("parseInteger", "<s-s:n>") { _, arguments in
            guard let text = arguments[0]?.string, let picture = arguments[1]?.string else { return nil }
            return try integerPicture(picture).parse(text).map(JSONataEvaluator.number)
        },
    ]

    /// A picture, its problems as JSONata's errors.
    static func integerPicture(_ picture: String) throws(JSONataError) -> JSONataIntegerPicture {
        do throws(JSONataIntegerPicture.Problem) {
            return try JSONataIntegerPicture(picture)
        } catch {
            throw JSONataError.evaluation(code: error.code, message: error.message, position: nil)
        }
    }
}

extension JSONataBuiltins {
    /// `$fromMillis` with a picture and/or a `±HHMM` zone.
    static func formatDateTime(
        _ milliseconds: Double, picture: String?, zone: String?, evaluator: JSONataEvaluator
    ) throws(JSONataError) -> String {
        let offset = zone.flatMap(JSONataDateTimePicture.offsetMinutes) ?? 0
        // JavaScript dates reach 100,000,000 days either side of the epoch.
        guard abs(milliseconds) <= 8.64e15 else {
            throw JSONataError.evaluation(
                code: "R0106",
                message: "$fromMillis cannot show \(JSONataNumberFormatter.string(milliseconds)) as a date",
                position: nil)
        }
        do throws(JSONataDateTimePicture.Problem) {
            let parsed = try JSONataDateTimePicture(picture ?? JSONataDateTimePicture.iso)
            return try parsed.format(milliseconds: Int64(milliseconds.rounded(.down)), offsetMinutes: offset)
        } catch {
            throw JSONataError.evaluation(code: error.code, message: error.message, position: nil)
        }
    }
}

extension JSONataBuiltins {
    /// `$toMillis` with a picture; `nil` when the text does not fit it.
    static func parseDateTime(_ text: String, picture: String, evaluator: JSONataEvaluator) throws(JSONataError)
        -> Int64?
    {
        do throws(JSONataDateTimePicture.Problem) {
            return try JSONataDateTimePicture(picture).parse(text, now: evaluator.now)
        } catch {
            throw JSONataError.evaluation(code: error.code, message: error.message, position: nil)
        }
    }
}
