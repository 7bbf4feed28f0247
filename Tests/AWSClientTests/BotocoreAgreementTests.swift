import AWSClient
import Foundation
import RetraceCore
import RetraceTestSupport
import Testing

/// Our signer and botocore's `SigV4Auth` (installed with the AWS CLI) sign a few hundred generated requests —
/// mixed-case and repeated-space headers, Unicode query parameters and bodies, dot and empty path segments, with
/// and without a session token — and must agree on every canonical request, string to sign and signature.
@Suite(
    "SigV4: agreement with botocore",
    .enabled(if: Botocore.isAvailable, "botocore is not installed (pip install botocore)"))
struct BotocoreAgreementTests {
    static let count = 300

    @Test func signaturesAgreeOnGeneratedRequests() throws {
        var generator = RequestGenerator(seed: 0x5EED_1234)
        let date = Date(timeIntervalSince1970: 1_765_000_000 + 3_600 * 7)
        var cases: [(request: SignableRequest, signer: SigV4Signer)] = []
        for index in 0..<Self.count {
            let (request, signer) = generator.next(index: index)
            cases.append((request, signer))
        }
        let payload = cases.map { item -> [String: Any] in
            [
                "method": item.request.method, "path": item.request.path,
                "host": item.request.header("Host") ?? "",
                "query": item.request.query.map { [$0.name, $0.value] },
                "headers": item.request.headers.map { [$0.name, $0.value] },
                "body": String(decoding: item.request.body, as: UTF8.self), "region": item.signer.region,
                "service": item.signer.service, "accessKey": item.signer.credentials.accessKeyID,
                "secretKey": item.signer.credentials.secretAccessKey,
                "token": item.signer.credentials.sessionToken as Any, "timestamp": SigV4Signer.timestamp(date),
            ]
        }
        let answers = try Botocore.sign(try JSONSerialization.data(withJSONObject: payload))
        #expect(answers.count == Self.count)
        for (index, answer) in answers.enumerated() where index < cases.count {
            let ours = cases[index].signer.sign(cases[index].request, at: date)
            #expect(ours.canonicalRequest == answer["canonicalRequest"], "request \(index)")
            #expect(ours.stringToSign == answer["stringToSign"], "request \(index)")
            #expect(ours.authorization == answer["authorization"], "request \(index)")
        }
    }
}

/// Runs `Tests/Stubs/botocore_sign.py`.
enum Botocore {
    static var isAvailable: Bool { PythonProcess.canImport("botocore") }

    static func sign(_ requests: Data) throws -> [[String: String]] {
        let script = PythonProcess.stub("botocore_sign.py")
        let result = try PythonProcess.run([script], input: requests)
        guard result.status == 0 else {
            Issue.record("botocore_sign.py failed: \(String(decoding: result.stderr, as: UTF8.self))")
            return []
        }
        return (try JSONSerialization.jsonObject(with: result.stdout) as? [[String: String]]) ?? []
    }
}

/// Requests of the shapes the AWS APIs see, varied deterministically.
struct RequestGenerator {
    private var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    private mutating func nextValue() -> UInt64 { random.next() }

    private mutating func pick<T>(_ items: [T]) -> T { items[Int(nextValue() % UInt64(items.count))] }

    private mutating func text(_ alphabet: [String], length: ClosedRange<Int>) -> String {
        let count = length.lowerBound + Int(nextValue() % UInt64(length.count))
        return (0..<count).map { _ in pick(alphabet) }.joined()
    }

    static let plain = (Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789").map(String.init))
    static let wide = plain + ["-", "_", ".", "~", " ", "/", "+", "=", "&", "%", "é", "ሴ", "😀", "*", "'", "\""]

    mutating func next(index: Int) -> (SignableRequest, SigV4Signer) {
        let service = pick(["states", "cloudformation", "gamelift", "logs", "sts", "service"])
        let region = pick(["us-east-1", "eu-west-1", "ap-southeast-2", "cn-north-1"])
        let host = "\(service).\(region).amazonaws.com"
        var segments: [String] = []
        for _ in 0..<Int(nextValue() % 4) { segments.append(pick(["a", "b1", "x-y", "~z", ".", "..", "", "v1"])) }
        let path = "/" + segments.joined(separator: "/") + (nextValue() % 3 == 0 ? "/" : "")
        var query: [(name: String, value: String)] = []
        var usedNames: Set<String> = []
        for _ in 0..<Int(nextValue() % 4) {
            let name = text(Self.wide, length: 1...8)
            if usedNames.insert(name).inserted { query.append((name, text(Self.wide, length: 0...10))) }
        }
        var headers: [(name: String, value: String)] = [("Host", host)]
        let method = pick(["GET", "POST"])
        if method == "POST" {
            headers.append(("Content-Type", "application/x-amz-json-1.0"))
            headers.append(("X-Amz-Target", "AWSStepFunctions.GetExecutionHistory"))
        }
        var usedHeaders: Set<String> = ["host", "content-type", "x-amz-target"]
        for _ in 0..<Int(nextValue() % 3) {
            let name = "X-Test-" + text(Self.plain, length: 1...6)
            guard usedHeaders.insert(name.lowercased()).inserted else { continue }
            headers.append(
                (name, pick(["", " "]) + text(Self.plain + [" ", "  ", "\t"], length: 1...12) + pick(["", " "])))
        }
        let body = method == "POST" ? "{\"executionArn\":\"\(text(Self.wide, length: 0...30))\",\"n\":\(index)}" : ""
        let credentials = AWSCredentials(
            accessKeyID: "AKIA" + text(Self.plain, length: 16...16).uppercased(),
            secretAccessKey: text(Self.plain + ["/", "+"], length: 40...40),
            sessionToken: nextValue() % 2 == 0 ? text(Self.plain + ["/", "+", "="], length: 20...60) : nil)
        return (
            SignableRequest(method: method, path: path, query: query, headers: headers, body: Array(body.utf8)),
            SigV4Signer(credentials: credentials, region: region, service: service)
        )
    }
}
