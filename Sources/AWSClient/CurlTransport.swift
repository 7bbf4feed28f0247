import CCurl
import Foundation
import RetraceCore

/// HTTP through libcurl, called directly: the library FoundationNetworking's `URLSession` is itself built on, so TLS,
/// certificates, proxies (`https_proxy`, `no_proxy`) and keep-alive are the system's as before, without the cost
/// `URLSession` adds on Linux — a hand-off between threads for every 16 KB it receives, about 30 ms of CPU for a
/// 0.9 MB history page, paid between one page and the request for the next (docs/bundle.md).
///
/// Each request runs `curl_easy_perform` on a thread of its own (`TransferThreads`), so that a transfer never holds
/// one of the few threads Swift's concurrency runs on; finished handles are kept and reused, and with them their open
/// connections.
public final class CurlTransport: HTTPTransport, @unchecked Sendable {
    private let timeout: TimeInterval
    private let caBundle: String?
    private let lock = NSLock()
    private var idle: [UnsafeMutableRawPointer] = []

    /// Creates a transport whose requests time out after `timeout` seconds. `caBundle`, a PEM file, replaces the
    /// system's certificate authorities for HTTPS (the SDKs' `AWS_CA_BUNDLE`: a proxy that inspects TLS, a private
    /// endpoint).
    public init(timeout: TimeInterval = 60, caBundle: String? = nil) {
        self.timeout = timeout
        self.caBundle = caBundle
    }

    deinit {
        for handle in idle { retrace_curl_easy_cleanup(handle) }
    }

    /// Downloads `url` as it is (a pre-signed link carries its own signature in its query, which must reach the
    /// server byte for byte), following redirects.
    public func download(_ url: URL) async throws -> HTTPResponse {
        try await perform(
            Transfer(url: url.absoluteString, method: "GET", headers: [], body: [], followRedirects: true),
            endpoint: CredentialRedactor.standard.redact(url.absoluteString))
    }

    /// Sends `request` with the path and query encoded as the signer encoded them.
    public func send(_ request: SignableRequest, to base: URL) async throws -> HTTPResponse {
        var components = URLComponents(url: base, resolvingAgainstBaseURL: false) ?? URLComponents()
        components.percentEncodedPath = request.path.split(separator: "/", omittingEmptySubsequences: false)
            .map { SigV4Signer.percentEncoded(String($0)) }.joined(separator: "/")
        components.percentEncodedQuery =
            request.query.isEmpty
            ? nil
            : request.query.map { SigV4Signer.percentEncoded($0.name) + "=" + SigV4Signer.percentEncoded($0.value) }
                .joined(separator: "&")
        guard let url = components.url else {
            throw AWSError.transport(endpoint: base.absoluteString, reason: "the request URL could not be formed")
        }
        // libcurl writes Host from the URL, as the signer computed it; "Expect:" stops it from waiting for a
        // "100 Continue" before sending a body.
        let headers = request.headers.filter { $0.name.lowercased() != "host" }.map { "\($0.name): \($0.value)" }
        return try await perform(
            Transfer(
                url: url.absoluteString, method: request.method, headers: headers + ["Expect:"], body: request.body,
                followRedirects: false),
            endpoint: base.absoluteString)
    }

    /// One request as libcurl is told it.
    private struct Transfer: Sendable {
        var url: String
        var method: String
        var headers: [String]
        var body: [UInt8]
        var followRedirects: Bool
    }

    /// Runs `transfer` on a transfer thread. A cancelled task stops waiting at once (`CancellationError`): the
    /// transfer itself runs on to its end, unread, since libcurl cannot be interrupted from outside while it waits
    /// for an answer. A history read from both ends asks for its middle page from both, and the first answer makes
    /// the other one moot (`StepFunctionsFetcher`).
    private func perform(_ transfer: Transfer, endpoint: String) async throws -> HTTPResponse {
        let outcome = Outcome()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                guard outcome.begin(resuming: continuation) else { return }
                TransferThreads.shared.run { [self] in
                    outcome.resume(with: Result { try run(transfer, endpoint: endpoint) })
                }
            }
        } onCancel: {
            outcome.resume(with: .failure(CancellationError()))
        }
    }

    /// Runs one transfer on the calling thread.
    private func run(_ transfer: Transfer, endpoint: String) throws -> HTTPResponse {
        if let failure = retrace_curl_load() {
            throw AWSError.transport(endpoint: endpoint, reason: String(cString: failure))
        }
        guard let handle = lock.withLock({ idle.popLast() }) ?? retrace_curl_easy_init() else {
            throw AWSError.transport(endpoint: endpoint, reason: "libcurl could not start a transfer")
        }
        var reusable = false
        defer {
            if reusable {
                retrace_curl_easy_reset(handle)
                lock.withLock { idle.append(handle) }
            } else {
                retrace_curl_easy_cleanup(handle)
            }
        }
        let answer = Answer()
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { retrace_curl_slist_free_all(headerList) }
        for header in transfer.headers { headerList = retrace_curl_slist_append(headerList, header) }
        var errorText = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code: CURLcode = transfer.body.withUnsafeBytes { body in
            errorText.withUnsafeMutableBufferPointer { errorBuffer in
                let me = Unmanaged.passUnretained(answer).toOpaque()
                _ = retrace_curl_set_string(handle, CURLOPT_URL, transfer.url)
                _ = retrace_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
                _ = retrace_curl_set_long(handle, CURLOPT_TIMEOUT_MS, Int(timeout * 1000))
                // Every encoding libcurl can undo is offered, and undone, as URLSession did.
                _ = retrace_curl_set_string(handle, CURLOPT_ACCEPT_ENCODING, "")
                _ = retrace_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer.baseAddress)
                if let caBundle { _ = retrace_curl_set_string(handle, CURLOPT_CAINFO, caBundle) }
                // A history page is a megabyte or two: read in 512 KB pieces rather than libcurl's 16 KB.
                _ = retrace_curl_set_long(handle, CURLOPT_BUFFERSIZE, 512 * 1024)
                _ = retrace_curl_set_list(handle, CURLOPT_HTTPHEADER, headerList)
                _ = retrace_curl_set_callback(handle, CURLOPT_WRITEFUNCTION, receiveBody)
                _ = retrace_curl_set_pointer(handle, CURLOPT_WRITEDATA, me)
                _ = retrace_curl_set_callback(handle, CURLOPT_HEADERFUNCTION, receiveHeader)
                _ = retrace_curl_set_pointer(handle, CURLOPT_HEADERDATA, me)
                if transfer.followRedirects {
                    _ = retrace_curl_set_long(handle, CURLOPT_FOLLOWLOCATION, 1)
                    _ = retrace_curl_set_long(handle, CURLOPT_MAXREDIRS, 5)
                }
                switch transfer.method {
                case "GET" where transfer.body.isEmpty:
                    _ = retrace_curl_set_long(handle, CURLOPT_HTTPGET, 1)
                default:
                    if transfer.method != "POST" {
                        _ = retrace_curl_set_string(handle, CURLOPT_CUSTOMREQUEST, transfer.method)
                    }
                    _ = retrace_curl_set_long(handle, CURLOPT_POST, 1)
                    _ = retrace_curl_set_size(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
                    _ = retrace_curl_set_pointer(
                        handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: body.baseAddress))
                }
                return retrace_curl_easy_perform(handle)
            }
        }
        guard code == CURLE_OK else {
            let detail = String(decoding: errorText.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw AWSError.transport(
                endpoint: endpoint,
                reason: CredentialRedactor.standard.redact(
                    detail.isEmpty ? String(cString: retrace_curl_easy_strerror(code)) : detail))
        }
        var status = 0
        _ = retrace_curl_response_code(handle, &status)
        reusable = true
        return HTTPResponse(status: status, headers: answer.headers, body: answer.body)
    }
}

/// Where one transfer's answer goes: to the task that waits for it, once, whichever comes first of the answer and
/// the task's cancellation.
private final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<HTTPResponse, any Error>?
    private var early: Result<HTTPResponse, any Error>?
    private var resumed = false

    /// Takes the continuation to resume; whether the transfer should start (false when the task was cancelled
    /// first: the continuation has then been resumed here).
    func begin(resuming continuation: CheckedContinuation<HTTPResponse, any Error>) -> Bool {
        let early: Result<HTTPResponse, any Error>? = lock.withLock {
            if let early = self.early {
                resumed = true
                return early
            }
            self.continuation = continuation
            return nil
        }
        guard let early else { return true }
        continuation.resume(with: early)
        return false
    }

    /// Resumes the waiting task with `result`, unless it was resumed already.
    func resume(with result: Result<HTTPResponse, any Error>) {
        let continuation: CheckedContinuation<HTTPResponse, any Error>? = lock.withLock {
            guard !resumed else { return nil }
            guard let continuation = self.continuation else {
                if early == nil { early = result }
                return nil
            }
            resumed = true
            return continuation
        }
        continuation?.resume(with: result)
    }
}

/// What one transfer has received so far, filled in by libcurl's callbacks on the transfer's thread.
private final class Answer {
    var headers: [String: String] = [:]
    var body = Data()
}

/// libcurl's body callback: appends what arrived (making room for all of it once the length is known).
private let receiveBody: curl_write_callback = { data, size, count, context in
    guard let data, let context else { return 0 }
    let answer = Unmanaged<Answer>.fromOpaque(context).takeUnretainedValue()
    answer.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: size * count)
    return size * count
}

/// libcurl's header callback, once per line: a status line starts a new set (after a redirect or a 100), a
/// `Name: value` line is kept with its name lowercased.
private let receiveHeader: curl_write_callback = { data, size, count, context in
    guard let data, let context else { return 0 }
    let answer = Unmanaged<Answer>.fromOpaque(context).takeUnretainedValue()
    let line = String(
        decoding: UnsafeRawBufferPointer(start: data, count: size * count), as: UTF8.self)
    if line.hasPrefix("HTTP/") {
        answer.headers = [:]
    } else if let colon = line.firstIndex(of: ":") {
        let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        answer.headers[name] = value
        if name == "content-length", let length = Int(value), length > 0, length < 1 << 30 {
            answer.body.reserveCapacity(length)
        }
    }
    return size * count
}

/// The threads transfers run on: one per transfer in flight, kept once made. A request for the next page of a
/// history leaves on a thread that waits for it, woken in microseconds, instead of one made for it, which took about
/// half a millisecond to start on every round trip.
final class TransferThreads: @unchecked Sendable {
    /// The threads of every transport.
    static let shared = TransferThreads()

    private let lock = NSLock()
    private var idle: [Worker] = []

    /// One thread, and the job it is given while it waits.
    private final class Worker: @unchecked Sendable {
        let wake = DispatchSemaphore(value: 0)
        var job: (@Sendable () -> Void)?
    }

    /// Runs `job` on a waiting thread, or on a new one when none waits.
    func run(_ job: @escaping @Sendable () -> Void) {
        if let worker = lock.withLock({ idle.popLast() }) {
            worker.job = job
            worker.wake.signal()
            return
        }
        let worker = Worker()
        worker.job = job
        let thread = Thread { [self] in
            while true {
                worker.job?()
                worker.job = nil
                lock.withLock { idle.append(worker) }
                worker.wake.wait()
            }
        }
        thread.name = "retrace.transfer"
        thread.start()
    }
}
