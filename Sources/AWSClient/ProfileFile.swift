import Foundation

/// The shared `credentials` and `config` files, read as the AWS SDKs read them: `[name]` sections in the
/// credentials file, `[profile name]` (or `[default]`) in the config file, `key = value` lines, `#` and `;`
/// comments. Nested sub-sections (`s3 =` followed by indented lines) are skipped.
public struct ProfileFile: Sendable {
    /// Settings by profile name.
    public var profiles: [String: [String: String]]
    /// The config file's `[sso-session NAME]` sections, by name: an IAM Identity Center sign-in that profiles share
    /// through `sso_session = NAME`.
    public var ssoSessions: [String: [String: String]] = [:]

    /// Reads `text`; `isConfig` when it is the config file (whose sections say `profile NAME`).
    public init(text: String, isConfig: Bool) {
        var profiles: [String: [String: String]] = [:]
        var sessions: [String: [String: String]] = [:]
        var current: String?
        var inSession = false
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let indented = rawLine.first == " " || rawLine.first == "\t"
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                var name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                inSession = false
                if isConfig, name.hasPrefix("sso-session ") {
                    name = name.dropFirst(12).trimmingCharacters(in: .whitespaces)
                    inSession = true
                    current = name
                    if sessions[name] == nil { sessions[name] = [:] }
                    continue
                } else if isConfig, name.hasPrefix("profile ") {
                    name = name.dropFirst(8).trimmingCharacters(in: .whitespaces)
                } else if isConfig, name != "default" {
                    current = nil
                    continue
                }
                current = name
                if profiles[name] == nil { profiles[name] = [:] }
                continue
            }
            guard let profile = current, !indented, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if let comment = value.range(of: " #") ?? value.range(of: " ;") {
                value = value[..<comment.lowerBound].trimmingCharacters(in: .whitespaces)
            }
            if inSession {
                sessions[profile]?[key] = value
            } else {
                profiles[profile]?[key] = value
            }
        }
        self.profiles = profiles
        self.ssoSessions = sessions
    }

    /// Reads the file at `path`; empty when it does not exist.
    public init(path: String, isConfig: Bool) {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        self.init(text: text, isConfig: isConfig)
    }
}
