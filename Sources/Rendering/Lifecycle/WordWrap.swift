/// Shortens text for labels and subtitles at a word boundary, never in the middle of a word, so that what is
/// left still reads ("Resource handler returned message: The CIDR …", not "…The CI…").
enum WordWrap {
    /// The first line of `text`, at most `limit` characters: whole words, then `…` when anything was left out.
    /// A single word longer than the limit is cut (there is no boundary to cut at).
    static func shortened(_ text: String, to limit: Int) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        guard line.count > limit, limit > 1 else { return line }
        let head = line.prefix(limit - 1)
        // Cut at the last space within the budget when there is one in its second half.
        if let space = head.lastIndex(of: " "), head.distance(from: head.startIndex, to: space) >= limit / 2 {
            var kept = String(head[..<space])
            while let last = kept.last, last == "," || last == ";" || last == ":" || last == "(" { kept.removeLast() }
            return kept + " …"
        }
        return String(head) + "…"
    }
}
