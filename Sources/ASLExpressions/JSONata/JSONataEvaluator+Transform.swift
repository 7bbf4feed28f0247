/// Transforms `| location | update, delete |`: the argument is copied, the location evaluated against the copy,
/// and each object it finds gets the update's members and loses the deleted ones. JSONata changes the found
/// objects in place; values here are immutable, so every object of the copy is numbered, the changes are
/// recorded by number, and the copy is rebuilt with them.
extension JSONataEvaluator {
    private struct Change {
        var set: [(key: String, value: JSONataValue)] = []
        var remove: [String] = []
    }

    func transform(_ transform: JSONataTransform, _ argument: JSONataValue?) throws -> JSONataValue? {
        guard let argument else { return nil }
        var counter = 0
        let copy = try numbered(argument, &counter)
        let found = try evaluate(transform.location, copy, transform.scope)
        var changes: [Int: Change] = [:]
        for match in found.map({ $0.elements ?? [$0] }) ?? [] {
            guard case .object(let object) = match, object.identity != 0 else { continue }
            var change = changes[object.identity] ?? Change()
            if let update = try evaluate(transform.update, match, transform.scope) {
                guard let members = update.members else {
                    throw failure(
                        "T2011",
                        "The insert/update clause of the transform expression must evaluate to an object: "
                            + JSONataStringifier.messageText(update),
                        at: transform.update.offset)
                }
                change.set += members
            }
            if let deleteNode = transform.delete, let deletions = try evaluate(deleteNode, match, transform.scope) {
                let names = deletions.elements ?? [deletions]
                guard names.allSatisfy({ $0.string != nil }) else {
                    throw failure(
                        "T2012",
                        "The delete clause of the transform expression must evaluate to a string or array of strings: "
                            + JSONataStringifier.messageText(deletions),
                        at: deleteNode.offset)
                }
                change.remove += names.compactMap(\.string)
            }
            changes[object.identity] = change
        }
        return try rebuilt(copy, changes)
    }

    /// The value with bindings data expanded and every object given a number.
    private func numbered(_ value: JSONataValue, _ counter: inout Int) throws -> JSONataValue {
        try charge(1)
        try stack.check(at: nil)
        switch value {
        case .object(var object):
            for member in object.members { object.set(member.key, try numbered(member.value, &counter)) }
            counter += 1
            object.identity = counter
            return .object(object)
        case .data(.object):
            var object = JSONataObject()
            for member in value.members ?? [] { object.set(member.key, try numbered(member.value, &counter)) }
            counter += 1
            object.identity = counter
            return .object(object)
        case .array(var array):
            array.items = try array.items.map { try numbered($0, &counter) }
            return .array(array)
        case .data(.array):
            return .plainArray(try (value.elements ?? []).map { try numbered($0, &counter) })
        default: return value
        }
    }

    private func rebuilt(_ value: JSONataValue, _ changes: [Int: Change]) throws -> JSONataValue {
        try charge(1)
        try stack.check(at: nil)
        switch value {
        case .object(var object):
            for member in object.members { object.set(member.key, try rebuilt(member.value, changes)) }
            if let change = changes[object.identity] {
                for member in change.set { object.set(member.key, member.value) }
                for name in change.remove { object.remove(name) }
            }
            object.identity = 0
            return try checkDepth(.object(object), at: nil)
        case .array(var array):
            array.items = try array.items.map { try rebuilt($0, changes) }
            return .array(array)
        default: return value
        }
    }
}
