/// The pattern of a Choice `StringMatches` rule: `*` matches any run of characters (including none); `\*` is a
/// literal asterisk and `\\` a literal backslash. No other character is special; a backslash before any other
/// character stands for that character.
public struct StringMatchPattern: Sendable, Hashable {
    /// One piece of a pattern.
    public enum Token: Sendable, Hashable {
        /// A character that must appear as is.
        case character(Character)
        /// `*`
        case wildcard
    }

    /// The pattern's pieces.
    public let tokens: [Token]

    /// Compiles a pattern.
    public init(_ pattern: String) {
        var tokens: [Token] = []
        var escaping = false
        for character in pattern {
            if escaping {
                tokens.append(.character(character))
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else if character == "*" {
                if tokens.last != .wildcard { tokens.append(.wildcard) }
            } else {
                tokens.append(.character(character))
            }
        }
        if escaping { tokens.append(.character("\\")) }
        self.tokens = tokens
    }

    /// Whether the whole of `text` matches, found with the classic linear-backtracking wildcard scan (at most
    /// |pattern| × |text| steps, no recursion).
    public func matches(_ text: String) -> Bool {
        let characters = Array(text)
        var textIndex = 0
        var tokenIndex = 0
        var starToken: Int?
        var starText = 0
        while textIndex < characters.count {
            if tokenIndex < tokens.count, case .character(let expected) = tokens[tokenIndex],
                expected == characters[textIndex]
            {
                textIndex += 1
                tokenIndex += 1
            } else if tokenIndex < tokens.count, tokens[tokenIndex] == .wildcard {
                starToken = tokenIndex
                starText = textIndex
                tokenIndex += 1
            } else if let star = starToken {
                tokenIndex = star + 1
                starText += 1
                textIndex = starText
            } else {
                return false
            }
        }
        while tokenIndex < tokens.count, tokens[tokenIndex] == .wildcard { tokenIndex += 1 }
        return tokenIndex == tokens.count
    }
}
