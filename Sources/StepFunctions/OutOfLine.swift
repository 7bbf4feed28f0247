/// Fields that most values of a type leave empty, kept out of line: the value holds one reference instead of their
/// storage, none at all while they are empty, and shares them with its copies until one of them changes them.
/// Events and visits are tens of thousands to a value in a history, decoded, copied and read as arrays, and most
/// of them carry none of these fields.
struct OutOfLine<Fields: OutOfLineFields>: Sendable, Hashable {
    private var box: Box?

    /// The fields (all empty when none is set).
    var fields: Fields { box?.fields ?? Fields() }

    /// No fields set.
    init() {}

    /// Changes the fields, copying them first when shared. Values that carry none hold no box, so that equal
    /// values compare equal however they were made.
    mutating func update(_ change: (inout Fields) -> Void) {
        var fields = box?.fields ?? Fields()
        change(&fields)
        if fields == Fields() {
            box = nil
        } else if isKnownUniquelyReferenced(&box), let box {
            box.fields = fields
        } else {
            box = Box(fields)
        }
    }

    /// A shared, copy-on-write home for the fields: changed only while uniquely referenced (`update` copies it
    /// first otherwise), so sharing it between threads is safe.
    private final class Box: @unchecked Sendable, Hashable {
        var fields: Fields

        init(_ fields: Fields) { self.fields = fields }

        static func == (lhs: Box, rhs: Box) -> Bool { lhs === rhs || lhs.fields == rhs.fields }

        func hash(into hasher: inout Hasher) { hasher.combine(fields) }
    }
}

/// A set of fields kept `OutOfLine`: all of them empty when made with `init()`.
protocol OutOfLineFields: Sendable, Hashable {
    init()
}
