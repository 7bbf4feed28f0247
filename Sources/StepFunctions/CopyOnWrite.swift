/// A value kept on the heap, shared by every copy of the struct that holds it until one of them changes it.
///
/// For values that are large, made once and then mostly read and copied: a copy costs one reference instead of
/// the value's bytes. A history's visits are held twice (in the tree and in its index of places) and copied into
/// every report row; boxed, each visit's fields exist once.
struct CopyOnWrite<Value: Sendable & Hashable>: Sendable, Hashable {
    private var box: Box

    /// Boxes `value`.
    init(_ value: Value) { box = Box(value) }

    /// The value: read in place; changed in place when this is the only holder, after a copy otherwise.
    var value: Value {
        _read { yield box.value }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
            yield &box.value
        }
    }

    /// Changed only while uniquely referenced (`value`'s modify copies it first otherwise), so sharing it between
    /// threads is safe.
    private final class Box: @unchecked Sendable, Hashable {
        var value: Value

        init(_ value: Value) { self.value = value }

        static func == (lhs: Box, rhs: Box) -> Bool { lhs === rhs || lhs.value == rhs.value }

        func hash(into hasher: inout Hasher) { hasher.combine(value) }
    }
}
