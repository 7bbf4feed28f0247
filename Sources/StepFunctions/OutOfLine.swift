/// Fields that most values of a type leave empty, kept out of line: the value holds one reference instead of their
/// storage, none at all while they are empty, and shares them with its copies until one of them changes them.
/// Events and visits are tens of thousands to a value in a history, decoded, copied and read as arrays, and most
/// of them carry none of these fields.
struct OutOfLine<Fields: OutOfLineFields>: Sendable, Hashable {
    private var box: CopyOnWrite<Fields>?

    /// The fields (all empty when none is set), lent where they lie: reading one field of a set of twenty copies
    /// that field alone, not the set (which would retain and release every text and payload it holds).
    var fields: Fields {
        _read {
            if let box {
                yield box.value
            } else {
                yield Fields()
            }
        }
    }

    /// No fields set.
    init() {}

    /// Changes the fields in place (copying them first when shared). Values that carry none hold no box, so that
    /// equal values compare equal however they were made.
    mutating func update(_ change: (inout Fields) -> Void) {
        // Taken out of `box` first, so that it is held once and changed where it lies, not copied.
        guard var boxed = box else {
            var fields = Fields()
            change(&fields)
            if fields != Fields() { box = CopyOnWrite(fields) }
            return
        }
        box = nil
        change(&boxed.value)
        if boxed.value != Fields() { box = boxed }
    }
}

/// A set of fields kept `OutOfLine`: all of them empty when made with `init()`.
protocol OutOfLineFields: Sendable, Hashable {
    init()
}
