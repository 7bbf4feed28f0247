/// An HTTP request as SigV4 sees it: what is signed and sent. Path and query are kept decoded (as text), so that
/// the signer alone decides how they are encoded, the one way AWS expects.
public struct SignableRequest: Sendable, Hashable {
    /// `GET`, `POST`, …
    public var method: String
    /// The path, decoded: `/`, `/v1/project/services`.
    public var path: String
    /// Query parameters, decoded, in the order given (the canonical request sorts them).
    public var query: [(name: String, value: String)]
    /// Headers as they will be sent, `Host` included; names in any case.
    public var headers: [(name: String, value: String)]
    /// The body.
    public var body: [UInt8]

    /// Creates a request.
    public init(
        method: String, path: String = "/", query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)], body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name` (any case).
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }

    /// Equal when every part is, headers and query in the same order.
    public static func == (lhs: SignableRequest, rhs: SignableRequest) -> Bool {
        lhs.method == rhs.method && lhs.path == rhs.path && lhs.body == rhs.body
            && lhs.query.map { [$0.name, $0.value] } == rhs.query.map { [$0.name, $0.value] }
            && lhs.headers.map { [$0.name, $0.value] } == rhs.headers.map { [$0.name, $0.value] }
    }

    /// Hashes every part.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(method)
        hasher.combine(path)
        hasher.combine(body)
        for item in query { hasher.combine([item.name, item.value]) }
        for item in headers { hasher.combine([item.name, item.value]) }
    }
}
