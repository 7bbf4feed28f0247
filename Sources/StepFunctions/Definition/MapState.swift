import RetraceCore

/// The fields particular to a Map state.
public struct MapState: Sendable, Hashable {
    /// The machine run once per item (`ItemProcessor`, or the legacy `Iterator`).
    public var processor: MapProcessor
    /// `ItemsPath`: where the items are in the input (JSONPath); absent means `$`.
    public var itemsPath: String?
    /// `Items`: a JSON array or a JSONata expression giving the items (JSONata).
    public var items: JSONValue?
    /// `ItemSelector`: a template applied to each item before it reaches the processor.
    public var itemSelector: JSONValue?
    /// `ItemReader`: where a Distributed Map reads its items from (S3 objects, CSV, JSON, manifests), as written.
    public var itemReader: JSONObject?
    /// `ItemBatcher`: how a Distributed Map groups items into batches, as written.
    public var itemBatcher: JSONObject?
    /// `ResultWriter`: where a Distributed Map writes its results, as written.
    public var resultWriter: JSONObject?
    /// `MaxConcurrency` / `MaxConcurrencyPath`; 0 or absent means as many as possible.
    public var maxConcurrency: FieldSource<Int64>?
    /// `ToleratedFailurePercentage` / `ToleratedFailurePercentagePath` (0–100).
    public var toleratedFailurePercentage: FieldSource<Double>?
    /// `ToleratedFailureCount` / `ToleratedFailureCountPath`.
    public var toleratedFailureCount: FieldSource<Int64>?
    /// `Label`: the prefix of a Distributed Map's child execution names.
    public var label: String?

    /// Creates the Map fields.
    public init(
        processor: MapProcessor, itemsPath: String? = nil, items: JSONValue? = nil, itemSelector: JSONValue? = nil,
        itemReader: JSONObject? = nil, itemBatcher: JSONObject? = nil, resultWriter: JSONObject? = nil,
        maxConcurrency: FieldSource<Int64>? = nil, toleratedFailurePercentage: FieldSource<Double>? = nil,
        toleratedFailureCount: FieldSource<Int64>? = nil, label: String? = nil
    ) {
        self.processor = processor
        self.itemsPath = itemsPath
        self.items = items
        self.itemSelector = itemSelector
        self.itemReader = itemReader
        self.itemBatcher = itemBatcher
        self.resultWriter = resultWriter
        self.maxConcurrency = maxConcurrency
        self.toleratedFailurePercentage = toleratedFailurePercentage
        self.toleratedFailureCount = toleratedFailureCount
        self.label = label
    }
}

/// The machine a Map state runs per item, with how it runs.
public struct MapProcessor: Sendable, Hashable {
    /// The nested machine.
    public var definition: StateMachineDefinition
    /// `ProcessorConfig.Mode`; `INLINE` when absent and always for the legacy `Iterator`.
    public var mode: MapProcessorMode
    /// `ProcessorConfig.ExecutionType` (`STANDARD` or `EXPRESS`) for Distributed Maps.
    public var executionType: String?
    /// Whether the definition used the legacy `Iterator` field rather than `ItemProcessor`.
    public var isLegacyIterator: Bool

    /// Creates a processor description.
    public init(
        definition: StateMachineDefinition, mode: MapProcessorMode = .inline, executionType: String? = nil,
        isLegacyIterator: Bool = false
    ) {
        self.definition = definition
        self.mode = mode
        self.executionType = executionType
        self.isLegacyIterator = isLegacyIterator
    }
}

/// Whether a Map runs its iterations inside the execution or as child executions.
public enum MapProcessorMode: String, Sendable, Hashable, CaseIterable {
    /// Iterations run inside this execution (history events `MapIteration…`).
    case inline = "INLINE"
    /// Iterations run as child executions of a Map Run.
    case distributed = "DISTRIBUTED"
}
