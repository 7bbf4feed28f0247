/// Writes durations for people: `850 ms`, `1.25 s`, `3 m 4 s`, `2 h 5 m`, `3 d 4 h`.
public enum DurationFormatter {
    /// A short human form of a duration in milliseconds; two units at most, so that columns stay narrow.
    public static func string(milliseconds: Int64) -> String {
        if milliseconds < 0 { return "-" + string(milliseconds: -milliseconds) }
        if milliseconds < 1000 { return "\(milliseconds) ms" }
        if milliseconds < 60_000 {
            let hundredths = (milliseconds + 5) / 10
            let whole = hundredths / 100
            let fraction = hundredths % 100
            if fraction == 0 { return "\(whole) s" }
            let fractionText =
                fraction % 10 == 0 ? "\(fraction / 10)" : (fraction < 10 ? "0\(fraction)" : "\(fraction)")
            return "\(whole).\(fractionText) s"
        }
        let seconds = milliseconds / 1000
        if seconds < 3600 { return pair(seconds / 60, "m", seconds % 60, "s") }
        if seconds < 86_400 { return pair(seconds / 3600, "h", seconds / 60 % 60, "m") }
        return pair(seconds / 86_400, "d", seconds / 3600 % 24, "h")
    }

    private static func pair(_ major: Int64, _ majorUnit: String, _ minor: Int64, _ minorUnit: String) -> String {
        minor == 0 ? "\(major) \(majorUnit)" : "\(major) \(majorUnit) \(minor) \(minorUnit)"
    }
}
