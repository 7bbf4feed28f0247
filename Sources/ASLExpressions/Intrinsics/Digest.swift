import Crypto
import RetraceCore

/// The message digests `States.Hash` (and JSONata's `$hash`) offer, by the names Step Functions accepts; the
/// hashing itself is swift-crypto's.
public enum Digest {
    /// The algorithms by the names `States.Hash` accepts.
    public enum Algorithm: String, Sendable, Hashable, CaseIterable {
        /// MD5, 128 bits.
        case md5 = "MD5"
        /// SHA-1, 160 bits.
        case sha1 = "SHA-1"
        /// SHA-256.
        case sha256 = "SHA-256"
        /// SHA-384.
        case sha384 = "SHA-384"
        /// SHA-512.
        case sha512 = "SHA-512"
    }

    /// The digest of `bytes`.
    public static func hash(_ bytes: [UInt8], with algorithm: Algorithm) -> [UInt8] {
        switch algorithm {
        case .md5: return Array(Insecure.MD5.hash(data: bytes))
        case .sha1: return Array(Insecure.SHA1.hash(data: bytes))
        case .sha256: return Array(SHA256.hash(data: bytes))
        case .sha384: return Array(SHA384.hash(data: bytes))
        case .sha512: return Array(SHA512.hash(data: bytes))
        }
    }

    /// The digest of `text`'s UTF-8 bytes in lowercase hexadecimal, as `States.Hash` returns it.
    public static func hexDigest(of text: String, with algorithm: Algorithm) -> String {
        Hex.lowercase(hash(Array(text.utf8), with: algorithm))
    }
}
