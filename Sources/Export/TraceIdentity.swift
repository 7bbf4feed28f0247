import Crypto
import Foundation
import RetraceCore

/// The ids of one exported trace, derived from what identifies the log (its execution ARN, else its content), so
/// that exporting the same history twice, on any machine, gives the same trace and span ids and a tracing backend
/// merges re-exports instead of doubling them.
public struct TraceIdentity: Sendable, Hashable {
    /// The 16-byte trace id, as 32 lowercase hex digits (OTLP/JSON's form).
    public let traceID: String
    private let seed: UInt64

    /// The identity of the log known by `key` (an execution ARN, a stack ARN, or a digest of the content).
    public init(key: String) {
        let digest = Array(SHA256.hash(data: Data(key.utf8)))
        traceID = Hex.lowercase(digest[0..<16])
        seed = digest[16..<24].reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// The identity of a log inside this trace (a distributed Map child execution): the same trace id, span ids
    /// of its own, drawn from `key`.
    public func nested(key: String) -> TraceIdentity {
        TraceIdentity(traceID: traceID, seed: TraceIdentity(key: key).seed)
    }

    private init(traceID: String, seed: UInt64) {
        self.traceID = traceID
        self.seed = seed
    }

    /// What a span id is drawn for: one namespace each, so that an event id never gives two spans the same id.
    enum Namespace: UInt8 {
        case execution = 0, visit, attempt, branch, iteration, instance, stay
    }

    /// The span id of the thing in `namespace` numbered `number`.
    func spanID(_ namespace: Namespace, _ number: Int64) -> UInt64 { spanID(namespace.rawValue, number) }

    /// The span id of the thing `kind` numbered `number` in the trace (an event id, an index): 8 bytes, never 0.
    ///
    /// A SplitMix64 finaliser over the trace's seed and the key: a bijection, so two keys of one trace never share
    /// an id.
    public func spanID(_ kind: UInt8, _ number: Int64) -> UInt64 {
        var mixed = seed ^ (UInt64(kind) << 56) ^ UInt64(bitPattern: number)
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        mixed ^= mixed >> 31
        return mixed == 0 ? 1 : mixed
    }

    /// A span id as 16 lowercase hex digits.
    public static func hex(_ id: UInt64) -> String { Hex.lowercase(id, digits: 16) }
}
