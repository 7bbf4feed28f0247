import Dispatch
import Foundation
import Lifecycles
import RetraceCore
import StepFunctions

/// Everything a command was given, as executions and deployment logs: the one loader every command starts from.
///
/// Inputs are files, folders (their `*.json` / `*.jsonl` files) and standard input, each holding one or more
/// pages. What belongs together is decided by content, never by the order or number of files: pages are sorted
/// into executions by `ExecutionAssembler`, distributed Map children are linked to their parents by
/// `ExecutionFamily`, and deployment logs are grouped by their format. Loading reads each input once, keeping
/// only fingerprints of large sets; an execution is decoded, reconstructed and diagnosed when asked for, so that
/// a thousand executions are analysed one at a time on every core, in bounded memory.
public struct LogSet: Sendable {
    /// One deployment: a stack with its nested stacks, a fleet, a ModelArts service, told apart by content. The
    /// inputs of one service are read together as pages (in any order, split any way), then split by deployment.
    public struct Deployment: Sendable {
        /// The format of its first input.
        public var source: LifecycleSource
        /// Its events, merged from every page that holds them.
        public var log: LifecycleLog
        /// Deployments of other services it created, given with it (the fleet of a stack's
        /// `AWS::GameLift::Fleet` resource): answered with it, their failure continuing its root cause.
        public var linked: [LifecycleLog] = []
        /// The names of the inputs its events came from.
        public var names: [String] { log.files }
    }

    /// The top-level executions (distributed Map children are under their parents), by start time, then name.
    public var executions: [ExecutionEntry]
    /// The deployments, each told apart by content (a stack, a fleet, a ModelArts service), by start time, then
    /// identity.
    public var deployments: [Deployment]
    /// What was noticed about the set as a whole: files passed over, copies, pages or children that could not
    /// be placed with certainty.
    public var warnings: [LogWarning]
    private let store: InputStore

    /// At most this many bytes of input are kept decoded between loading and analysis; larger sets are read again
    /// per execution.
    static let keepBudget = 32 << 20

    /// Reads `paths` (files, folders, `-`) and sorts what they hold into executions and deployment logs.
    ///
    /// - Parameters:
    ///   - decoded: inputs whose pages are already decoded (a live fetch's), read after the paths.
    ///   - source: what every input is, when the content should not decide.
    /// - Throws: `InputError` for the first unusable input, in the order given.
    public static func load(_ paths: [String], decoded: [DecodedInput] = [], source: LogSource? = nil) throws -> LogSet
    {
        try load(paths, decoded: decoded, source: source, speculation: nil)
    }

    /// Reads `paths`, sorts them, and hands every log, analysed, to `transform`, on every core: what a command
    /// answering about many executions uses.
    ///
    /// An input that holds one whole execution by itself (one page, from `ExecutionStarted` to its end, starting
    /// no Map Run) is analysed as soon as it is read, while its events are at hand, so that a folder of a thousand
    /// histories is decoded once, not twice; the result is kept only when the set, once sorted, confirms that the
    /// execution is that page alone.
    ///
    /// - Returns: the set, and one result per log in the set's order.
    public static func analyzeAll<T: Sendable>(
        _ paths: [String], decoded: [DecodedInput] = [], source: LogSource? = nil,
        progress: (@Sendable (Int, Int) -> Void)? = nil, _ transform: @escaping @Sendable (AnalyzedLog) throws -> T
    ) throws -> (set: LogSet, results: [T]) {
        let speculation = Speculation { try transform($0) }
        let set = try load(paths, decoded: decoded, source: source, speculation: speculation)
        var ready: [Int: T] = [:]
        for (index, entry) in set.executions.enumerated() {
            if let result = speculation.result(for: entry) { ready[index] = try result.get() as? T }
        }
        return (set, try set.analyzeEach(ready: ready, progress: progress, transform))
    }

    private static func load(
        _ paths: [String], decoded: [DecodedInput], source: LogSource?, speculation: Speculation?
    ) throws -> LogSet {
        let files = try InputFiles(paths)
        let store = InputStore(paths: files.files.map(\.path) + decoded.map(\.name))
        let total = files.files.reduce(0) { $0 + $1.size }
        let keep = files.files.count == 1 || total <= keepBudget
        let count = files.files.count
        let results = ConcurrentResults<Classified>(count: count)
        let workers = max(1, min(count, ProcessInfo.processInfo.activeProcessorCount))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let reader = JSONReader()
            var index = worker
            while index < count {
                let file = files.files[index]
                results.store(
                    index,
                    Result {
                        do {
                            return try classify(
                                file.path, index: index, source: source, keep: keep, reader: reader, store: store,
                                speculation: speculation)
                        } catch InputError.unrecognised(_, _, let looksLike) where file.folder != nil {
                            return .skipped(looksLike)
                        }
                    })
                index += workers
            }
        }
        var fingerprints: [PageFingerprint] = []
        var deploymentInputs: [(family: LifecycleSource.Family, source: LifecycleSource, inputs: [Int])] = []
        var skipped: [String] = []
        for index in 0..<count {
            switch try results.value(index) {
            case .skipped(let looksLike):
                skipped.append("\(files.files[index].path) (\(looksLike))")
            case .history(let pages):
                fingerprints += pages
            case .deployment(let kind):
                if let group = deploymentInputs.firstIndex(where: { $0.family == kind.family }) {
                    deploymentInputs[group].inputs.append(index)
                } else {
                    deploymentInputs.append((kind.family, kind, [index]))
                }
            }
        }
        // Inputs already decoded follow the files, kept as they are.
        for (offset, input) in decoded.enumerated() {
            let index = count + offset
            var pages = input.pages
            for position in pages.indices { pages[position].origin.inputIndex = index }
            store.keep(index, buffer: nil, pages: pages)
            var prints =
                input.fingerprints.count == pages.count ? input.fingerprints : pages.map { PageFingerprint($0) }
            for position in prints.indices { prints[position].origin.inputIndex = index }
            fingerprints += prints
        }
        // The pages of one service are decoded together (a page may continue another in any file), then split
        // into deployments by what they are about.
        var deployments: [Deployment] = []
        for group in deploymentInputs {
            let buffers = try group.inputs.map { index throws(InputError) in try store.buffer(index) }
            for index in group.inputs { store.release(index) }
            let log = try LifecycleDecoder(source: source?.lifecycleSource).decode(consume buffers)
            deployments += log.deployments().map { Deployment(source: group.source, log: $0) }
        }
        deployments = DeploymentChain.link(deployments)
        // As executions are: by start, then identity, so that the order of the files never shows.
        deployments.sort { left, right in
            let (a, b) = (left.log.events.lazy.compactMap(\.time).first, right.log.events.lazy.compactMap(\.time).first)
            if a != b, let a, let b { return a < b }
            if (a == nil) != (b == nil) { return a != nil }
            return (left.log.identity ?? "", left.log.files.first ?? "") < (
                right.log.identity ?? "", right.log.files.first ?? ""
            )
        }
        var warnings = files.warnings
        if !skipped.isEmpty {
            let shown = skipped.prefix(5).joined(separator: ", ") + (skipped.count > 5 ? ", …" : "")
            warnings.append(
                LogWarning(
                    code: .inputSkipped,
                    message: "\(skipped.count) file\(skipped.count == 1 ? "" : "s") found in folders "
                        + "\(skipped.count == 1 ? "is not an event log and was" : "are not event logs and were") "
                        + "not read: \(shown)"))
        }
        // A page without events says nothing about any execution: it is named, not analysed as an empty one.
        let empty = fingerprints.filter { $0.eventCount == 0 }.map(\.origin.description)
        fingerprints.removeAll { $0.eventCount == 0 }
        if fingerprints.isEmpty, deployments.isEmpty, let first = empty.first {
            throw InputError.unrecognised(
                file: first, expected: EventLogKind.stepFunctionsHistory.description,
                looksLike: "a page with no events (\"events\": [])")
        }
        if !empty.isEmpty {
            let shown = empty.prefix(5).joined(separator: ", ") + (empty.count > 5 ? ", …" : "")
            warnings.append(
                LogWarning(
                    code: .emptyPage,
                    message: "\(empty.count) page\(empty.count == 1 ? " holds" : "s hold") no events and "
                        + "\(empty.count == 1 ? "was" : "were") passed over: \(shown)"))
        }
        let assembled = ExecutionAssembler().assemble(fingerprints)
        let family = ExecutionFamily(assembled.executions)
        var entries = assembled.executions.map { ExecutionEntry(execution: $0, link: nil, children: []) }
        for (index, link) in family.links.enumerated() { entries[index].link = link }
        return LogSet(
            executions: tree(of: entries), deployments: deployments,
            warnings: warnings + assembled.warnings + family.warnings, store: store)
    }

    private init(executions: [ExecutionEntry], deployments: [Deployment], warnings: [LogWarning], store: InputStore) {
        self.executions = executions
        self.deployments = deployments
        self.warnings = warnings
        self.store = store
    }

    /// How many logs there are to answer about: top-level executions and deployment logs.
    public var count: Int { executions.count + deployments.count }

    // MARK: - Analysis

    /// Decodes, reconstructs and diagnoses one execution, with its linked children.
    public func analyze(_ entry: ExecutionEntry) throws -> AnalyzedExecution {
        let reader = JSONReader()
        let tree = ExecutionTree(history: try history(of: entry.execution, reader: reader))
        let children = try entry.children.map { try child($0, reader: reader) }
        return AnalyzedExecution(
            entry: entry, tree: tree, diagnosis: ExecutionDiagnoser().diagnose(tree, children: children))
    }

    /// The input an execution was started with (for a distributed Map's child, the item or batch it was given), as
    /// JSON; `nil` when its history holds no `ExecutionStarted` with an input.
    public func input(of entry: ExecutionEntry) throws -> JSONValue? {
        let history = try history(of: entry.execution, reader: JSONReader())
        guard let started = history.events.first(where: { $0.type == .executionStarted }) else { return nil }
        return started.details.input?.value
    }

    /// Reconstructs and diagnoses one deployment.
    public func analyze(_ deployment: Deployment) throws -> AnalyzedDeployment {
        let run = LifecycleRun(log: deployment.log)
        let linked = deployment.linked.map { log in
            let run = LifecycleRun(log: log)
            return (run: run, diagnosis: LifecycleDiagnoser.diagnose(run))
        }
        let diagnosis = DeploymentChain.chain(LifecycleDiagnoser.diagnose(run), run: run, linked: linked)
        return AnalyzedDeployment(run: run, diagnosis: diagnosis)
    }

    /// Every log analysed and handed to `transform`, executions first, on every core; the results come back in
    /// the set's order. Each analysed log is dropped once transformed, so memory stays that of a few logs.
    ///
    /// - Parameter progress: called now and then with the number done and the total, from any thread.
    /// - Throws: the first error by position.
    public func analyzeEach<T: Sendable>(
        progress: (@Sendable (Int, Int) -> Void)? = nil, _ transform: @Sendable (AnalyzedLog) throws -> T
    ) throws -> [T] {
        try analyzeEach(ready: [:], progress: progress, transform)
    }

    /// `analyzeEach`, with the results already made for some positions.
    private func analyzeEach<T: Sendable>(
        ready: [Int: T], progress: (@Sendable (Int, Int) -> Void)?, _ transform: @Sendable (AnalyzedLog) throws -> T
    ) throws -> [T] {
        let total = count
        let results = ConcurrentResults<T>(count: total)
        for (index, result) in ready { results.store(index, .success(result)) }
        let pending = (0..<total).filter { ready[$0] == nil }
        let next = Counter()
        let done = Counter()
        let workers = max(1, min(total, ProcessInfo.processInfo.activeProcessorCount))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let position = next.increment() - 1
                guard position < pending.count else { return }
                let index = pending[position]
                results.store(
                    index,
                    Result {
                        if index < executions.count { return try transform(.execution(try analyze(executions[index]))) }
                        return try transform(.deployment(try analyze(deployments[index - executions.count])))
                    })
                let finished = done.increment()
                progress?(finished + ready.count, total)
            }
        }
        return try (0..<total).map { try results.value($0) }
    }

    // MARK: - Reading

    private enum Classified {
        case history([PageFingerprint])
        case deployment(LifecycleSource)
        /// A file found in a folder that is not an event log, and what it looks like.
        case skipped(String)
    }

    private static func classify(
        _ path: String, index: Int, source: LogSource?, keep: Bool, reader: JSONReader, store: InputStore,
        speculation: Speculation?
    ) throws -> Classified {
        let buffer = try InputBuffer.read(path: path)
        if let kind = source?.lifecycleSource ?? (source == nil ? lifecycleSource(of: buffer) : nil) {
            store.keep(index, buffer: buffer, pages: nil)
            return .deployment(kind)
        }
        let pages = try HistoryDecoder().pages(of: buffer, inputIndex: index, reader: reader)
        // A single input of a single page has nothing to be compared with; a file that is one page with its
        // executionArn is identified by the ARN, and its copies by its bytes.
        let alone = store.paths.count == 1 && pages.count == 1
        let fingerprints: [PageFingerprint]
        if pages.count == 1, let page = pages.first, page.executionArn != nil || alone {
            let digest = alone ? nil : ByteDigest64.digest(buffer.bytes)
            fingerprints = [PageFingerprint(page, hashingEvents: false, bytesDigest: digest)]
        } else {
            fingerprints = pages.map { PageFingerprint($0) }
        }
        if let speculation, pages.count == 1, let page = pages.first, let fingerprint = fingerprints.first {
            speculation.analyze(page, fingerprint, inputIndex: index)
        }
        // Standard input cannot be read twice.
        if keep || path == "-" { store.keep(index, buffer: path == "-" ? buffer : nil, pages: pages) }
        return .history(fingerprints)
    }

    private static func lifecycleSource(of buffer: InputBuffer) -> LifecycleSource? {
        EventLogKind.sniff(buffer.bytes).flatMap(LifecycleSource.init)
    }

    private func history(of execution: AssembledExecution, reader: JSONReader) throws -> History {
        var wanted: [Int: Set<Int>] = [:]
        for page in execution.pages { wanted[page.inputIndex, default: []].insert(page.ordinal) }
        var byOrigin: [PageOrigin: HistoryPage] = [:]
        for (input, ordinals) in wanted.sorted(by: { $0.key < $1.key }) {
            for page in try store.pages(input, wanted: ordinals, reader: reader) { byOrigin[page.origin] = page }
        }
        return History(pages: execution.pages.compactMap { byOrigin[$0] })
    }

    private func child(_ entry: ExecutionEntry, reader: JSONReader) throws -> ChildExecution {
        let outcome = entry.execution.outcomeHint
        // Only a child that went wrong is read: the diagnosis follows failures, and counts the rest.
        let history = outcome.isFailure ? try self.history(of: entry.execution, reader: reader) : nil
        return ChildExecution(
            name: entry.name, mapRunStartedEventID: entry.link?.mapRunStartedEventID ?? 0, outcome: outcome,
            history: history, children: try entry.children.map { try child($0, reader: reader) })
    }

    /// Puts linked children under their parents; the rest are the top level.
    private static func tree(of entries: [ExecutionEntry]) -> [ExecutionEntry] {
        var childrenOf: [Int: [Int]] = [:]
        for (index, entry) in entries.enumerated() {
            if let parent = entry.link?.parent { childrenOf[parent, default: []].append(index) }
        }
        func build(_ index: Int, depth: Int) -> ExecutionEntry {
            var entry = entries[index]
            if depth < 64 { entry.children = (childrenOf[index] ?? []).map { build($0, depth: depth + 1) } }
            return entry
        }
        return entries.indices.filter { entries[$0].link == nil }.map { build($0, depth: 0) }
    }
}

/// Executions analysed while their inputs were first read, for `LogSet.analyzeAll`.
private final class Speculation: @unchecked Sendable {
    private let transform: @Sendable (AnalyzedLog) throws -> any Sendable
    private let lock = NSLock()
    private var results: [Int: (name: String, result: Result<any Sendable, any Error>)] = [:]

    init(_ transform: @escaping @Sendable (AnalyzedLog) throws -> any Sendable) {
        self.transform = transform
    }

    /// Analyses a page that holds a whole execution by itself; anything else is left for later.
    func analyze(_ page: HistoryPage, _ fingerprint: PageFingerprint, inputIndex: Int) {
        guard fingerprint.isWholeExecution, fingerprint.mapRuns.isEmpty, fingerprint.mapRunArn == nil,
            let execution = ExecutionAssembler().assemble([fingerprint]).executions.first
        else { return }
        let entry = ExecutionEntry(execution: execution, link: nil, children: [])
        let tree = ExecutionTree(history: History(pages: [page]))
        let analyzed = AnalyzedExecution(entry: entry, tree: tree, diagnosis: ExecutionDiagnoser().diagnose(tree))
        let result = Result { try transform(.execution(analyzed)) }
        lock.withLock { results[inputIndex] = (execution.name, result) }
    }

    /// The result made for `entry`, when the entry turned out to be the one page it was made from.
    func result(for entry: ExecutionEntry) -> Result<any Sendable, any Error>? {
        guard entry.children.isEmpty, entry.link == nil, entry.execution.pages.count == 1,
            let page = entry.execution.pages.first, page.ordinal == 0
        else { return nil }
        return lock.withLock {
            guard let made = results[page.inputIndex], made.name == entry.name else { return nil }
            return made.result
        }
    }
}

/// A shared count, for handing out work and reporting progress.
private final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func increment() -> Int {
        lock.withLock {
            value += 1; return value
        }
    }
}
