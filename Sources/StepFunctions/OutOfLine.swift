/// Fields that most values of a type leave empty, kept out of line: the value holds one reference instead of their
/// storage, none at all while they are empty, and shares them with its copies until one of them changes them.
/// Events and visits are tens of thousands to a value in a history, decoded, copied and read as arrays, and most
/// of them carry none of these fields.
struct OutOfLine<Fields: OutOfLineFields>: Sendable, Hashable {
    private var box: CopyOnWrite<Fields>?

    /// The fields (all empty when none is set).
    var fields: Fields { box?.value ?? Fields() }

    /// No fields set.
    init() {}

    /// Changes the fields, copying them first when shared. Values that carry none hold no box, so that equal
    /// values compare equal however they were made.
    mutating func update(_ change: (inout Fields) -> Void) {
        var fields = box?.value ?? Fields()
        change(&fields)
        if fields == Fields() {
            box = nil
        } else if box != nil {
            box?.value = fields
        } else {
            box = CopyOnWrite(fields)
        }
    }
}

/// A set of fields kept `OutOfLine`: all of them empty when made with `init()`.
protocol OutOfLineFields: Sendable, Hashable {
    init()
}
