import CloudDoctorModels
import Foundation

/// What ingestion saw: lines, events, continuation lines joined, malformed input.
public struct IngestStatistics: Sendable, Hashable {
    public var bytes = 0
    public var lines = 0
    public var events = 0
    /// Lines joined to the event before them (stack traces, multi-line messages).
    public var continuationLines = 0
    /// Lines that could not be understood as what they claimed to be (broken JSON, invalid UTF-8,
    /// over-long lines): counted, kept as plain text where possible, never fatal.
    public var malformed = 0

    public init() {}
}

/// Turns lines (any supported format, mixed freely) into `LogEvent`s, joining stack traces and
/// multi-line messages to the line that started them. Streaming: holds one pending event.
public struct LogIngestor: Sendable {
    public struct Options: Sendable {
        /// Longer lines are cut here and counted as malformed.
        public var maxLineBytes = 64 * 1024
        /// A joined event keeps at most this many continuation lines / bytes (the rest is counted, not kept).
        public var maxJoinedLines = 60
        public var maxMessageBytes = 16 * 1024
        /// A pretty-printed JSON document larger than this is refused (counted malformed).
        public var maxDocumentBytes = 512 * 1024 * 1024
        /// Year given to timestamps without one (syslog).
        public var defaultYear = CivilTime.year(of: Date())
        /// Keep only the JSON fields triage reads (message, time, level, source, `error…` and the telling
        /// fields) instead of all of them: the rest are checked, not copied. For `doctor diagnose`.
        public var triageFieldsOnly = false

        public init() {}
    }

    public let options: Options
    public internal(set) var statistics = IngestStatistics()
    private let json: JSONLineParser
    private let plain: PlainTextParser
    private var pending: LogEvent?
    private var pendingHasTimestamp = false
    private var pendingJoined = 0
    private var inStack = false
    /// A JSON line is complete: only indented or stack-trace lines may continue it.
    private var pendingIsJSON = false
    /// A pretty-printed JSON document (CloudWatch `filter-log-events` output) is gathered whole.
    private var document: [UInt8]?

    public init(options: Options = Options()) {
        self.options = options
        var json = JSONLineParser()
        json.fieldSelection = options.triageFieldsOnly ? .triage : .all
        self.json = json
        self.plain = PlainTextParser(timestamps: TimestampParser(defaultYear: options.defaultYear))
    }

    /// Feeds one line (without its newline). `source` names the input (file name) for events that name none.
    public mutating func feed(line: some Collection<UInt8>, source: String? = nil, emit: (LogEvent) -> Void) {
        statistics.lines += 1
        statistics.bytes += line.count + 1
        var bytes = Array(line)
        if bytes.count > options.maxLineBytes {
            bytes = Array(bytes.prefix(options.maxLineBytes))
            statistics.malformed += 1
        }
        if bytes.last == 0x0D { bytes.removeLast() }
        if document != nil {
            if document!.count + bytes.count <= options.maxDocumentBytes {
                document!.append(contentsOf: bytes)
                document!.append(0x0A)
            } else {
                statistics.malformed += 1
            }
            return
        }
        if statistics.lines == 1 {
            let trimmed = bytes.filter { $0 != 0x20 && $0 != 0x09 }
            if trimmed == [0x7B] || trimmed == [0x5B] || trimmed == [0x5B, 0x7B] {
                document = bytes + [0x0A]
                return
            }
        }
        if let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }), bytes[first] == 0x7B {
            switch json.parse(bytes) {
            case .event(var event):
                if event.source == nil { event.source = source }
                start(event, hasTimestamp: event.timestamp != nil, isJSON: true, emit: emit)
                return
            case .cloudWatch(let records):
                for record in records {
                    feed(text: Array(record.message.utf8), fallbackTime: record.timestamp,
                         source: record.stream ?? source, emit: emit)
                }
                return
            case .malformed:
                statistics.malformed += 1 // keep it as plain text below: a cut JSON line is still evidence
            }
        }
        feed(text: bytes, fallbackTime: nil, source: source, emit: emit)
    }

    /// Emits the last pending event.
    public mutating func finish(emit: (LogEvent) -> Void) {
        if let doc = document {
            document = nil
            feedDocument(doc, emit: emit)
        }
        if let event = pending {
            emit(event)
            statistics.events += 1
        }
        pending = nil
        inStack = false
    }

    private mutating func feedDocument(_ doc: [UInt8], emit: (LogEvent) -> Void) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(doc), options: []) else {
            statistics.malformed += 1
            return
        }
        let items: [[String: Any]]
        if let dict = object as? [String: Any] {
            items = [dict]
        } else if let list = object as? [Any] {
            items = list.compactMap { $0 as? [String: Any] }
        } else {
            statistics.malformed += 1
            return
        }
        for item in items {
            switch json.parse(object: item) {
            case .event(let event):
                start(event, hasTimestamp: event.timestamp != nil, emit: emit)
            case .cloudWatch(let records):
                for record in records {
                    feed(text: Array(record.message.utf8), fallbackTime: record.timestamp, source: record.stream, emit: emit)
                }
            case .malformed:
                statistics.malformed += 1
            }
        }
        if let event = pending {
            emit(event)
            statistics.events += 1
            pending = nil
        }
    }

    mutating func feedRecord(_ bytes: [UInt8], timestamp: Date?, stream: String?, emit: (LogEvent) -> Void) {
        feed(text: bytes, fallbackTime: timestamp, source: stream, emit: emit)
    }

    // MARK: joining

    private static let stackStarts = ["Caused by:", "Traceback (most recent call last)", "goroutine ", "Suppressed:",
                                      "...", "During handling of the above exception", "The above exception was"]
    private static let stackStartBytes = Set(stackStarts.compactMap { $0.utf8.first })

    private mutating func feed(text bytes: [UInt8], fallbackTime: Date?, source: String?, emit: (LogEvent) -> Void) {
        let isBlank = bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
        if isBlank {
            if inStack, pending != nil { statistics.continuationLines += 1 }
            return
        }
        if bytes.contains(where: { $0 >= 0x80 }), String(validating: bytes, as: UTF8.self) == nil { statistics.malformed += 1 }
        if pending != nil {
            if bytes[0] == 0x20 || bytes[0] == 0x09 {
                inStack = true
                append(bytes)
                return
            }
            if Self.stackStartBytes.contains(bytes[0]),
               Self.stackStarts.contains(where: { String(decoding: bytes.prefix(48), as: UTF8.self).hasPrefix($0) }) {
                inStack = true
                append(bytes)
                return
            }
        }
        if bytes[0] == 0x7B, fallbackTime != nil, case .event(var event) = json.parse(bytes) {
            // a CloudWatch event whose message is one of our JSON lines
            if event.timestamp == nil { event.timestamp = fallbackTime }
            if event.source == nil { event.source = source }
            start(event, hasTimestamp: true, emit: emit)
            return
        }
        var parsed = plain.parse(bytes)
        if !parsed.hasTimestamp, pending != nil, fallbackTime == nil, !pendingIsJSON || inStack,
           pendingHasTimestamp || (inStack && !Self.startsWithLevel(bytes)) {
            append(bytes)
            return
        }
        if parsed.event.timestamp == nil, let fallbackTime {
            parsed.event.timestamp = fallbackTime
            parsed.hasTimestamp = true
        }
        if parsed.event.source == nil { parsed.event.source = source }
        start(parsed.event, hasTimestamp: parsed.hasTimestamp, emit: emit)
    }

    private static func startsWithLevel(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(16), as: UTF8.self)
        let word = head.prefix(while: { $0.isLetter })
        return LevelWords.level(word) != nil && word.uppercased() == word
    }

    private mutating func start(_ event: LogEvent, hasTimestamp: Bool, isJSON: Bool = false, emit: (LogEvent) -> Void) {
        if let previous = pending {
            emit(previous)
            statistics.events += 1
        }
        var event = event
        if event.message.utf8.count > options.maxMessageBytes {
            event.message = String(decoding: event.message.utf8.prefix(options.maxMessageBytes), as: UTF8.self)
        }
        pending = event
        pendingIsJSON = isJSON
        pendingHasTimestamp = hasTimestamp
        pendingJoined = 0
        inStack = false
    }

    private mutating func append(_ bytes: [UInt8]) {
        statistics.continuationLines += 1
        guard pendingJoined < options.maxJoinedLines, var event = pending,
              event.message.utf8.count + bytes.count < options.maxMessageBytes else { return }
        pendingJoined += 1
        event.message += "\n" + String(decoding: bytes, as: UTF8.self)
        pending = event
    }
}
