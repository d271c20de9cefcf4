/// Splits log events into `PutLogEvents` batches that obey the service's rules: chronological order,
/// at most 10,000 events, at most 1,048,576 bytes counting each message's UTF-8 bytes plus 26,
/// and no batch spanning more than 24 hours. A message longer than an event may be (256 KiB with
/// its 26 bytes) is cut and marked, never dropped.
public struct LogEventBatcher: Sendable {
    public static let maxEvents = 10_000
    public static let maxBatchBytes = 1_048_576
    public static let perEventOverhead = 26
    public static let maxEventBytes = 262_144
    public static let maxSpanMilliseconds: Int64 = 24 * 60 * 60 * 1000
    public static let truncationMarker = " …[truncated]"

    public var maxEvents: Int
    public var maxBatchBytes: Int

    public init(maxEvents: Int = LogEventBatcher.maxEvents, maxBatchBytes: Int = LogEventBatcher.maxBatchBytes) {
        self.maxEvents = maxEvents
        self.maxBatchBytes = maxBatchBytes
    }

    public static func size(of event: CloudWatchLogsShapes.InputLogEvent) -> Int {
        event.message.utf8.count + perEventOverhead
    }

    /// Cuts a message to fit one event, on a character boundary, with a marker.
    public static func fitted(_ event: CloudWatchLogsShapes.InputLogEvent) -> CloudWatchLogsShapes.InputLogEvent {
        guard size(of: event) > maxEventBytes else { return event }
        let budget = maxEventBytes - perEventOverhead - truncationMarker.utf8.count
        var kept = ""
        var used = 0
        for character in event.message {
            let width = character.utf8.count
            if used + width > budget { break }
            kept.append(character)
            used += width
        }
        return .init(timestamp: event.timestamp, message: kept + truncationMarker)
    }

    public func batches(_ events: [CloudWatchLogsShapes.InputLogEvent]) -> [[CloudWatchLogsShapes.InputLogEvent]] {
        // Stable sort by time: equal timestamps keep their order.
        let sorted = events.enumerated().sorted { ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset) }
            .map { Self.fitted($0.element) }
        var result: [[CloudWatchLogsShapes.InputLogEvent]] = []
        var current: [CloudWatchLogsShapes.InputLogEvent] = []
        var bytes = 0
        for event in sorted {
            let size = Self.size(of: event)
            if let first = current.first,
               current.count >= maxEvents || bytes + size > maxBatchBytes
                || event.timestamp - first.timestamp >= Self.maxSpanMilliseconds {
                result.append(current)
                current = []
                bytes = 0
            }
            current.append(event)
            bytes += size
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}
