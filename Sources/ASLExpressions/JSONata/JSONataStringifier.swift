import RetraceCore

/// `JSON.stringify` as JSONata uses it: in `$string`, and to show values in error messages.
///
/// Numbers are rounded to 15 significant digits, functions become empty strings, and pretty output indents
/// by two spaces, exactly as JavaScript lays it out.
enum JSONataStringifier {
    /// JSON text for `value`; throws `R0004` past `maximumDepth` levels of nesting.
    static func stringify(
        _ value: JSONataValue, pretty: Bool, maximumDepth: Int, stack: JSONataStackGuard? = nil
    ) throws(JSONataError) -> String {
        var output = ""
        let writer = Writer(pretty: pretty, stack: stack)
        try writer.write(value, to: &output, indent: 0, remaining: maximumDepth)
        return output
    }

    /// A value as JSONata's messages show it (`JSON.stringify`, `undefined` for nothing), never failing.
    static func messageText(_ value: JSONataValue?) -> String {
        guard let value else { return "undefined" }
        if case .function = value { return "undefined" }
        return (try? stringify(value, pretty: false, maximumDepth: 64)) ?? "…"
    }

    /// `text` as a JSON string literal, escaped as `JSON.stringify` escapes.
    static func quote(_ text: String) -> String {
        var output = ""
        writeString(text, to: &output)
        return output
    }

    fileprivate static var tooDeep: JSONataError {
        .limitExceeded(code: "R0004", message: "The value nests too deeply to be written as JSON", position: nil)
    }

    fileprivate static func newline(_ output: inout String, _ indent: Int) {
        output += "\n"
        output += String(repeating: "  ", count: indent)
    }

    /// Integers print exactly up to 2^53; beyond that JavaScript would hold a double, so print as one.
    static func integerText(_ integer: Int64) -> String {
        if integer.magnitude <= 1 << 53 { return String(integer) }
        return JSONataNumberFormatter.outputString(Double(integer))
    }

    /// A JSON string literal as `JSON.stringify` writes it (line separators left as they are).
    fileprivate static func writeString(_ text: String, to output: inout String) {
        JSONValue.writeString(text, to: &output, escapingLineSeparators: false)
    }

    /// Writes JSON text, checking the stack as it descends.
    private struct Writer {
        let pretty: Bool
        let stack: JSONataStackGuard?

        func write(
            _ value: JSONataValue, to output: inout String, indent: Int, remaining: Int
        ) throws(JSONataError) {
            try stack?.check(at: nil)
            switch value {
            case .null: output += "null"
            case .bool(let flag): output += flag ? "true" : "false"
            case .integer(let integer): output += JSONataStringifier.integerText(integer)
            case .number(let number):
                // `$string` refuses a non-finite number inside a value as JSONata's number check does.
                guard number.isFinite else {
                    throw .evaluation(
                        code: "D1001", message: "Number out of range: \(JSONataNumberFormatter.string(number))",
                        position: nil)
                }
                output += JSONataNumberFormatter.outputString(number)
            case .string(let text): JSONataStringifier.writeString(text, to: &output)
            case .function: output += "\"\""
            case .data(let json): try writeJSON(json, to: &output, indent: indent, remaining: remaining)
            case .array(let array):
                try writeArray(array.items, to: &output, indent: indent, remaining: remaining) {
                    (item, output, indent, remaining) throws(JSONataError) in
                    try write(item, to: &output, indent: indent, remaining: remaining)
                }
            case .object(let object):
                try writeObject(object.members, to: &output, indent: indent, remaining: remaining) {
                    (item, output, indent, remaining) throws(JSONataError) in
                    try write(item, to: &output, indent: indent, remaining: remaining)
                }
            }
        }

        func writeJSON(
            _ value: JSONValue, to output: inout String, indent: Int, remaining: Int
        ) throws(JSONataError) {
            switch value {
            case .array(let items):
                try writeArray(items, to: &output, indent: indent, remaining: remaining) {
                    (item, output, indent, remaining) throws(JSONataError) in
                    try writeJSON(item, to: &output, indent: indent, remaining: remaining)
                }
            case .object(let object):
                let members = object.map { (key: $0.key, value: $0.value) }
                try writeObject(members, to: &output, indent: indent, remaining: remaining) {
                    (item, output, indent, remaining) throws(JSONataError) in
                    try writeJSON(item, to: &output, indent: indent, remaining: remaining)
                }
            default:
                try write(JSONataValue(value), to: &output, indent: indent, remaining: remaining)
            }
        }

        func writeArray<Item>(
            _ items: [Item], to output: inout String, indent: Int, remaining: Int,
            element: (Item, inout String, Int, Int) throws(JSONataError) -> Void
        ) throws(JSONataError) {
            guard remaining > 0 else { throw JSONataStringifier.tooDeep }
            guard !items.isEmpty else {
                output += "[]"
                return
            }
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                if pretty { JSONataStringifier.newline(&output, indent + 1) }
                try element(item, &output, indent + 1, remaining - 1)
            }
            if pretty { JSONataStringifier.newline(&output, indent) }
            output += "]"
        }

        func writeObject<Item>(
            _ members: [(key: String, value: Item)], to output: inout String, indent: Int,
            remaining: Int, element: (Item, inout String, Int, Int) throws(JSONataError) -> Void
        ) throws(JSONataError) {
            guard remaining > 0 else { throw JSONataStringifier.tooDeep }
            guard !members.isEmpty else {
                output += "{}"
                return
            }
            output += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { output += "," }
                if pretty { JSONataStringifier.newline(&output, indent + 1) }
                JSONataStringifier.writeString(member.key, to: &output)
                output += pretty ? ": " : ":"
                try element(member.value, &output, indent + 1, remaining - 1)
            }
            if pretty { JSONataStringifier.newline(&output, indent) }
            output += "}"
        }
    }
}
