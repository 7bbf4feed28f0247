/// A countable word and its plural, so that every report writes "1 event", "2 events", "1 retry", "3 retries" and
/// never "event(s)". One helper for the whole program keeps the wording consistent and the irregular forms in one
/// place.
public struct Noun: Sendable, Hashable {
    /// The form for exactly one.
    public let singular: String
    /// The form for any other count, zero included.
    public let plural: String

    /// A noun whose plural follows the regular English rules ("retry" → "retries", "branch" → "branches",
    /// "event" → "events") unless `plural` names it ("child" → "children").
    public init(_ singular: String, plural: String? = nil) {
        self.singular = singular
        self.plural = plural ?? Self.regularPlural(of: singular)
    }

    /// The form that agrees with `count`: the singular for exactly one, the plural otherwise (also for zero).
    public func form(for count: Int) -> String { count == 1 ? singular : plural }

    /// `count` followed by the agreeing form: "1 event", "0 events", "12 retries".
    public func counted(_ count: Int) -> String { "\(count) \(form(for: count))" }

    private static func regularPlural(of word: String) -> String {
        let lower = word.lowercased()
        if lower.hasSuffix("y"), let before = lower.dropLast().last, !"aeiou".contains(before) {
            return word.dropLast() + "ies"
        }
        for ending in ["s", "x", "z", "ch", "sh"] where lower.hasSuffix(ending) { return word + "es" }
        return word + "s"
    }
}

extension Noun {
    /// "is" / "are": verbs agree with a count the same way nouns do.
    public static let isVerb = Noun("is", plural: "are")
    /// "was" / "were".
    public static let wasVerb = Noun("was", plural: "were")
}
