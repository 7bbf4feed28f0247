/// Shares one copy of the texts a deployment log repeats on every event (a fleet id, an event code, a status,
/// "Server process exited with an error"), so that a million events hold a few hundred strings, not millions:
/// the difference between a log that fits in three times its size in memory and one that does not.
///
/// Bounded: past `capacity` distinct texts (a log whose messages all differ), texts are kept as they come.
final class StringInterner {
    private var table: [String: String] = [:]
    private let capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// The shared copy of `text`.
    func intern(_ text: String) -> String {
        if let shared = table[text] { return shared }
        if table.count < capacity { table[text] = text }
        return text
    }

    /// The shared copy of `text`, when there is one.
    func intern(_ text: String?) -> String? { text.map(intern) }
}
