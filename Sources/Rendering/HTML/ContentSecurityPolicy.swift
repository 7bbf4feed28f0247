import Crypto
import Foundation

/// The Content-Security-Policy of a report page: nothing may be fetched, and only the page's own script and
/// style blocks, named by their SHA-256, may run or apply.
///
/// A report is one file opened from disk, a ticket or an e-mail, so no nonce or server is there to vouch for
/// its code: hashes of the exact inline texts are. Whatever a log smuggled into the page could neither run nor
/// phone home, even if an escaping bug let it become markup.
struct ContentSecurityPolicy {
    /// The text of every inline `<script>` that must run.
    var scripts: [String]
    /// The text of every `<style>` element (the page's and those inside inline SVG).
    var styles: [String]

    /// The policy, for a `<meta http-equiv="Content-Security-Policy">` tag.
    var value: String {
        let scriptHashes = Set(scripts.map(Self.hash)).sorted().joined(separator: " ")
        let styleHashes = Set(styles.map(Self.hash)).sorted().joined(separator: " ")
        return "default-src 'none'; script-src \(scriptHashes); style-src \(styleHashes); img-src 'none'; "
            + "connect-src 'none'; font-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none'; "
            + "worker-src 'none'; manifest-src 'none'; base-uri 'none'; form-action 'none'"
    }

    /// `'sha256-…'` of `text` as UTF-8, the form CSP expects.
    static func hash(_ text: String) -> String {
        "'sha256-" + Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString() + "'"
    }
}
