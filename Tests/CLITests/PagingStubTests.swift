import Foundation
import RetraceTestSupport
import Testing

/// What moto does not do, against a stub that checks each request's SigV4 signature with botocore: a history
/// served in pages of 25 events with every third call throttled must be fetched whole, in order, and read exactly
/// as the file it came from; a wrong secret is refused and said so.
@Suite(
    "Live fetch: paging, throttling and signatures",
    .enabled(if: PythonProcess.canImport("botocore"), "botocore is not installed"))
struct PagingStubTests {
    static let secret = "stub-secret-\(UUID().uuidString)"

    /// The stub serving `history` in pages of `pageSize` (over HTTPS with `certificate`, a PEM file holding a
    /// certificate and its key), and a function that stops it.
    /// Every `throttleEvery`th call is throttled (0: none), and every answer leaves `delay` milliseconds after its
    /// request arrived.
    static func stub(
        _ history: String, pageSize: Int, throttleEvery: Int = 3, delay: Int = 0, certificate: String? = nil,
        environment: [String: String] = [:]
    ) throws -> (endpoint: String, arn: String, stop: () -> Void) {
        let script = PythonProcess.stub("paging_stub.py")
        let path = PackagePaths.root.appendingPathComponent(history).path
        var environment = environment
        if let certificate { environment["STUB_TLS_CERTIFICATE"] = certificate }
        let server = try PythonProcess.Server(
            [script, path, String(pageSize), secret, String(throttleEvery), String(delay)],
            environment: environment,
            scheme: certificate == nil ? "http" : "https")
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        let arn =
            ((document as? [String: Any])?["executionArn"] as? String)
            ?? "arn:aws:states:eu-west-1:123456789012:execution:Stub:paged"
        return (server.endpoint, arn, server.stop)
    }

    /// What an `analyze --format json` report says of an execution, whatever it was read from: the root cause's
    /// title and path, and every state.
    static func essentials(_ text: String) throws -> [String] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let root = (object["diagnosis"] as? [String: Any])?["rootCause"] as? [String: Any]
        let states = try JSONSerialization.data(withJSONObject: object["states"] ?? [], options: [.sortedKeys])
        return [
            root?["title"] as? String ?? "", root?["path"] as? String ?? "",
            String(decoding: states, as: UTF8.self),
        ]
    }

    @Test func pagesAndThrottlingGiveTheWholeHistory() throws {
        let sample = RetraceCommand.sample("map-failure.json")
        let (endpoint, arn, stop) = try Self.stub(sample, pageSize: 25)
        defer { stop() }
        let environment = ["AWS_ACCESS_KEY_ID": "AKIDSTUB", "AWS_SECRET_ACCESS_KEY": Self.secret]
        let bundlePath = FileManager.default.temporaryDirectory.appendingPathComponent("stub-\(UUID()).json").path
        let fetched = try RetraceCommand.run(
            ["fetch", arn, "--endpoint-url", endpoint, "-o", bundlePath], environment: environment)
        #expect(fetched.status == 0, "\(fetched.stderr)")
        let bundle = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: bundlePath))) as? [String: Any]
        )
        let ids = (bundle["events"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } ?? []
        #expect(ids == Array(1...173), "every page, in order, once")
        // The bundle reads exactly as the file the events came from.
        let fromBundle = try RetraceCommand.run(["analyze", "--format", "json", bundlePath])
        let fromFile = try RetraceCommand.run(["analyze", "--format", "json", sample])
        #expect(try Self.essentials(fromBundle.stdout) == Self.essentials(fromFile.stdout))
        try? FileManager.default.removeItem(atPath: bundlePath)
        // Analysed straight from the ARN, each page decoded as it arrives (through the same throttling), it reads
        // the same again, and names the execution as its one source.
        let live = try RetraceCommand.run(
            ["analyze", "--format", "json", arn, "--endpoint-url", endpoint], environment: environment)
        #expect(live.status == 0, "\(live.stderr)")
        #expect(try Self.essentials(live.stdout) == Self.essentials(fromFile.stdout))
        let report = try #require(try JSONSerialization.jsonObject(with: Data(live.stdout.utf8)) as? [String: Any])
        #expect(report["sources"] as? [String] == [arn], "\(report["sources"] ?? "")")
    }

    @Test func debugSaysEachCallAndRetryWithoutSecrets() throws {
        let (endpoint, arn, stop) = try Self.stub(RetraceCommand.sample("map-failure.json"), pageSize: 25)
        defer { stop() }
        let result = try RetraceCommand.run(
            ["fetch", "--debug", arn, "--endpoint-url", endpoint, "-o", "-"],
            environment: ["AWS_ACCESS_KEY_ID": "AKIDSTUBKEY9", "AWS_SECRET_ACCESS_KEY": Self.secret])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "retrace: debug: credentials for key …KEY9, region eu-west-1", "\(lines.first ?? "")")
        #expect(lines.contains { $0.contains("states:GetExecutionHistory \(endpoint) attempt 1: 200, ") })
        #expect(lines.contains { $0.contains(": 400 ThrottlingException in ") }, "every third call is throttled")
        #expect(lines.contains { $0.contains("retrying in ") && $0.contains("(attempt 2 of 5)") })
        #expect(lines.contains { $0.contains("states:DescribeStateMachineForExecution") })
        #expect(!result.stderr.contains(Self.secret))
        #expect(!result.stderr.contains("Signature="))
        #expect(!result.stderr.contains("AKIDSTUBKEY9"), "only the key id's last four characters")
    }

    /// Far from where the two directions meet, the next request leaves before a page is read; near it, none is sent
    /// for a page the other direction brings: 173 events in pages of 10 take 18 pages, and the two directions
    /// overlap by one page each at most.
    @Test func requestsSentAheadAreNeverWasted() throws {
        let (endpoint, arn, stop) = try Self.stub(RetraceCommand.sample("map-failure.json"), pageSize: 10)
        defer { stop() }
        let result = try RetraceCommand.run(
            ["fetch", "--debug", arn, "--endpoint-url", endpoint, "-o", "-"],
            environment: ["AWS_ACCESS_KEY_ID": "AKIDSTUB", "AWS_SECRET_ACCESS_KEY": Self.secret])
        #expect(result.status == 0, "\(result.stderr)")
        let pages = result.stderr.split(separator: "\n").filter {
            $0.contains("states:GetExecutionHistory ") && $0.contains(": 200, ")
        }
        #expect((18...20).contains(pages.count), "\(pages.count) pages read")
        let bundle = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let ids = (bundle["events"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } ?? []
        #expect(ids == Array(1...173))
    }

    /// Read from both ends, a history is whole once the two readings meet: a request still waiting in one direction
    /// for a page the other has brought is dropped, and the fetch ends without it, for a bundle and for an analysis
    /// alike. Here every answer takes 200 ms, so that both directions ask in step: in the fourth round the newest-first
    /// reading asks for events 98–74, stalled for a minute, while the oldest-first one brings 76–100.
    @Test func aPageTheOtherDirectionBroughtIsNotWaitedFor() throws {
        let sample = RetraceCommand.sample("map-failure.json")
        let (endpoint, arn, stop) = try Self.stub(
            sample, pageSize: 25, throttleEvery: 0, delay: 200, environment: ["STUB_STALL_NEWEST_FIRST_FROM": "75"])
        defer { stop() }
        let environment = ["AWS_ACCESS_KEY_ID": "AKIDSTUB", "AWS_SECRET_ACCESS_KEY": Self.secret]
        let started = Date()
        let fetched = try RetraceCommand.run(
            ["fetch", "--debug", arn, "--endpoint-url", endpoint, "-o", "-"], environment: environment)
        #expect(fetched.status == 0, "\(fetched.stderr)")
        let bundle = try #require(try JSONSerialization.jsonObject(with: Data(fetched.stdout.utf8)) as? [String: Any])
        let ids = (bundle["events"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } ?? []
        #expect(ids == Array(1...173), "every event once, the stalled page's from the oldest-first reading")
        #expect(fetched.stderr.contains("cancelled"), "--debug says the stalled call was dropped: \(fetched.stderr)")
        let live = try RetraceCommand.run(
            ["analyze", "--format", "json", arn, "--endpoint-url", endpoint], environment: environment)
        #expect(live.status == 0, "\(live.stderr)")
        let fromFile = try RetraceCommand.run(["analyze", "--format", "json", sample])
        #expect(try Self.essentials(live.stdout) == Self.essentials(fromFile.stdout))
        // Each command would have waited a minute for the stalled page.
        #expect(Date().timeIntervalSince(started) < 50, "the two commands waited for the stalled page")
    }

    /// What the test proxy has done: requests `forwarded`, `tunnels` opened.
    static func proxyCounts(_ proxy: String) throws -> [String: Int] {
        let output = try PythonProcess.run([
            "-c", "import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1] + '/count').read().decode())",
            proxy,
        ])
        return try #require(try JSONSerialization.jsonObject(with: output.stdout) as? [String: Int])
    }

    /// With `http_proxy` set every call goes through the proxy, signatures intact (the stub checks each); with the
    /// endpoint in `no_proxy` none does.
    @Test func callsGoThroughTheProxyTheEnvironmentNames() throws {
        let sample = RetraceCommand.sample("map-failure.json")
        let (endpoint, arn, stop) = try Self.stub(sample, pageSize: 50)
        defer { stop() }
        let proxy = try PythonProcess.Server([PythonProcess.stub("forward_proxy.py")])
        defer { proxy.stop() }
        let keys = ["AWS_ACCESS_KEY_ID": "AKIDSTUB", "AWS_SECRET_ACCESS_KEY": Self.secret]
        let fromFile = try RetraceCommand.run(["analyze", "--format", "json", sample])
        let proxied = try RetraceCommand.run(
            ["analyze", "--format", "json", arn, "--endpoint-url", endpoint],
            environment: keys.merging(["http_proxy": proxy.endpoint, "no_proxy": ""]) { $1 })
        #expect(proxied.status == 0, "\(proxied.stderr)")
        #expect(try Self.essentials(proxied.stdout) == Self.essentials(fromFile.stdout))
        let forwarded = try Self.proxyCounts(proxy.endpoint)["forwarded", default: 0]
        #expect(forwarded >= 6, "two descriptions and four pages at least, got \(forwarded)")
        let direct = try RetraceCommand.run(
            ["analyze", "--format", "json", arn, "--endpoint-url", endpoint],
            environment: keys.merging(["http_proxy": proxy.endpoint, "no_proxy": "127.0.0.1"]) { $1 })
        #expect(direct.status == 0, "\(direct.stderr)")
        #expect(try Self.proxyCounts(proxy.endpoint)["forwarded", default: 0] == forwarded)
    }

    @Test func aWrongSecretIsRefusedAndSaid() throws {
        let (endpoint, arn, stop) = try Self.stub(RetraceCommand.sample("order-success.json"), pageSize: 25)
        defer { stop() }
        let result = try RetraceCommand.run(
            ["fetch", arn, "--endpoint-url", endpoint, "-o", "-"],
            environment: ["AWS_ACCESS_KEY_ID": "AKIDSTUB", "AWS_SECRET_ACCESS_KEY": "not-the-secret"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("did not accept the request's signature"))
        #expect(!result.stderr.contains("not-the-secret"), "the secret is never printed")
    }

    /// Over HTTPS the endpoint's certificate is checked: one signed by no authority the system trusts is refused,
    /// and said so; trusted through `AWS_CA_BUNDLE` or `--ca-bundle` (as behind a proxy that inspects TLS), the
    /// execution is fetched and reads as its file does; a bundle that cannot be read is named before anything is
    /// sent.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl"), "openssl is not installed"))
    func httpsTrustsTheGivenCertificateAuthoritiesOnly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tls-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = folder.appendingPathComponent("key.pem").path
        let certificate = folder.appendingPathComponent("certificate.pem").path
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", certificate,
        ]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        try #require(openssl.terminationStatus == 0)
        let both = folder.appendingPathComponent("server.pem")
        try (Data(contentsOf: URL(fileURLWithPath: certificate)) + Data(contentsOf: URL(fileURLWithPath: key)))
            .write(to: both)

        let sample = RetraceCommand.sample("map-failure.json")
        let (endpoint, arn, stop) = try Self.stub(sample, pageSize: 50, certificate: both.path)
        defer { stop() }
        #expect(endpoint.hasPrefix("https://127.0.0.1:"))
        let keys = ["AWS_ACCESS_KEY_ID": "AKIDSTUB", "AWS_SECRET_ACCESS_KEY": Self.secret, "AWS_CA_BUNDLE": ""]
        let untrusted = try RetraceCommand.run(
            ["analyze", "--format", "json", arn, "--endpoint-url", endpoint], environment: keys)
        #expect(untrusted.status == 2)
        #expect(untrusted.stderr.contains(endpoint) && untrusted.stderr.contains("certificate"), "\(untrusted.stderr)")
        #expect(untrusted.stderr.contains("trusted with --ca-bundle or AWS_CA_BUNDLE"), "\(untrusted.stderr)")
        #expect(untrusted.stderr.split(separator: "\n").count == 1, "\(untrusted.stderr)")

        let fromFile = try RetraceCommand.run(["analyze", "--format", "json", sample])
        let throughVariable = try RetraceCommand.run(
            ["analyze", "--format", "json", arn, "--endpoint-url", endpoint],
            environment: keys.merging(["AWS_CA_BUNDLE": certificate]) { $1 })
        #expect(throughVariable.status == 0, "\(throughVariable.stderr)")
        let throughOption = try RetraceCommand.run(
            ["analyze", "--format", "json", arn, "--endpoint-url", endpoint, "--ca-bundle", certificate],
            environment: keys)
        #expect(throughOption.status == 0, "\(throughOption.stderr)")
        #expect(try Self.essentials(throughVariable.stdout) == Self.essentials(fromFile.stdout))
        #expect(try Self.essentials(throughOption.stdout) == Self.essentials(fromFile.stdout))

        // Through a proxy (`https_proxy`, as behind a corporate one), the TLS session is tunnelled to the endpoint
        // and its certificate checked all the same.
        let proxy = try PythonProcess.Server([PythonProcess.stub("forward_proxy.py")])
        defer { proxy.stop() }
        let throughProxy = try RetraceCommand.run(
            ["analyze", "--format", "json", arn, "--endpoint-url", endpoint, "--ca-bundle", certificate],
            environment: keys.merging(["https_proxy": proxy.endpoint, "no_proxy": ""]) { $1 })
        #expect(throughProxy.status == 0, "\(throughProxy.stderr)")
        #expect(try Self.essentials(throughProxy.stdout) == Self.essentials(fromFile.stdout))
        #expect(try Self.proxyCounts(proxy.endpoint)["tunnels", default: 0] >= 1)

        let missing = folder.appendingPathComponent("no-such-bundle.pem").path
        let unreadable = try RetraceCommand.run(
            ["analyze", arn, "--endpoint-url", endpoint], environment: keys.merging(["AWS_CA_BUNDLE": missing]) { $1 })
        #expect(unreadable.status == 2)
        #expect(
            unreadable.stderr.contains("\(missing): the certificate bundle named by AWS_CA_BUNDLE cannot be read"),
            "\(unreadable.stderr)")
    }
}
