import Logging

/// A swift-log handler that writes one JSON object per line:
///
///     {"timestamp":"2026-11-27T17:20:53.123Z","level":"error","message":"query failed",
///      "logger":"patient-api.db","service":"patient-api","error.type":"MySQLError",
///      "error.message":"timeout","db.host":"10.0.0.5","request.id":"abc"}
///
/// Fixed keys first, then `error.*` (from `logger.error(…, error:)`), then metadata flattened to
/// dotted keys in sorted order. Secrets are redacted by `LogRedactor`. A metadata key that clashes
/// with a fixed key is written as `metadata.<key>`. Each line reaches the sink as one finished buffer.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata
    public var metadataProvider: Logger.MetadataProvider?

    public let label: String
    public let service: String
    private let sink: any LogSink
    private let redactor: LogRedactor

    private static let fixedKeys: Set<String> = ["timestamp", "level", "message", "logger", "service"]

    public init(
        label: String,
        service: String,
        level: Logger.Level = .info,
        sink: any LogSink = FileDescriptorSink.standardOutput,
        redactor: LogRedactor = .standard,
        metadata: Logger.Metadata = [:],
        metadataProvider: Logger.MetadataProvider? = nil
    ) {
        self.label = label
        self.service = service
        self.logLevel = level
        self.sink = sink
        self.redactor = redactor
        self.metadata = metadata
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: Logging.LogEvent) {
        sink.write(line: encode(event))
    }

    /// The line (with its trailing newline) this handler writes for `event`.
    func encode(_ event: Logging.LogEvent) -> [UInt8] {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let given = event.metadata { merged.merge(given) { _, new in new } }

        var writer = JSONLineWriter(capacity: 256 + event.message.description.utf8.count)
        writer.raw("{")
        writer.key("timestamp", first: true)
        writer.currentTimestamp()
        writer.key("level", first: false)
        writer.string(event.level.rawValue)
        writer.key("message", first: false)
        writer.string(event.message.description)
        writer.key("logger", first: false)
        writer.string(label)
        writer.key("service", first: false)
        writer.string(service)

        var written = Self.fixedKeys
        if let error = event.error {
            writer.key("error.type", first: false)
            writer.string(String(reflecting: type(of: error)))
            writer.key("error.message", first: false)
            writer.string(redactor.redact(path: "error.message", value: String(describing: error)))
            written.formUnion(["error.type", "error.message"])
        }

        let flattener = MetadataFlattener(redactor: redactor)
        var leaves: [String: MetadataFlattener.Leaf] = [:]
        flattener.flatten(merged, into: &leaves)
        for path in leaves.keys.sorted() {
            var key = path
            while written.contains(key) { key = "metadata." + key }
            written.insert(key)
            writer.key(key, first: false)
            switch leaves[path]! {
            case .string(let text): writer.string(text)
            case .array(let elements): flattener.write(array: elements, path: path, to: &writer)
            }
        }
        writer.raw("}\n")
        return writer.bytes
    }
}
