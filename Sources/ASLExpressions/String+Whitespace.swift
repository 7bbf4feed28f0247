extension String {
    /// The text without leading and trailing spaces, tabs and newlines: the whitespace ASL allows around a
    /// `{% … %}` JSONata expression. Only these four characters, as AWS trims, not every Unicode space.
    public var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
