import CloudDoctorModels
import Foundation

/// One JSON object per line: our StructuredLogging lines, zap/pino/bunyan/logrus JSON,
/// Docker `json-file` lines, single CloudWatch events (`{"timestamp":ms,"message":…}`) and
/// whole `filter-log-events` / `get-log-events` / subscription documents on one line.
struct JSONLineParser: Sendable {
    enum Result {
        case event(LogEvent)
        /// A CloudWatch document: its events, each with its raw message still to be parsed.
        case cloudWatch([CloudWatchRecord])
        case malformed
    }

    /// One CloudWatch event before its message is parsed.
    struct CloudWatchRecord: Sendable {
        var timestamp: Date?
        var message: String
        var stream: String?
    }

    static let maxFields = 48

    /// Which fields an event keeps.
    enum FieldSelection: Sendable {
        /// Every field of the object (the default).
        case all
        /// Only what parsing and triage read: message, time, level, source keys, `error…` and the
        /// telling fields (`TriageEngine.tellingFields`). The rest is checked but never made into strings.
        case triage
    }

    var fieldSelection = FieldSelection.all

    static let triageKeys = KeySet(Set(messageKeys + timeKeys + levelKeys + sourceKeys)
        .union(TriageEngine.tellingFields)
        .union(["logStreamName", "ingestionTime", "eventId", "events", "logEvents", "logGroup", "logStream"]))

    /// One line: the byte-level scanner first, `JSONSerialization` when the scanner cannot decide.
    func parse(_ bytes: [UInt8]) -> Result {
        if fieldSelection == .triage, let view = JSONObjectScanner.scan(bytes, keep: Self.triageKeys) {
            // the message key is kept when there is one; without it the message is made of every field, and
            // past `maxFields` which fields stay depends on all of them: read those objects whole
            if view.fields.count + view.skipped <= Self.maxFields, Self.messageKeys.contains(where: { view.fields[$0] != nil }) {
                return parse(view: view)
            }
        }
        if let view = JSONObjectScanner.scan(bytes) { return parse(view: view) }
        return parseWithFoundation(bytes)
    }

    /// The reference path (and the one for arrays, deep nesting, odd numbers and malformed lines).
    func parseWithFoundation(_ bytes: [UInt8]) -> Result {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes), options: []),
              let dict = object as? [String: Any] else { return .malformed }
        return parse(object: dict)
    }

    func parse(object dict: [String: Any]) -> Result {
        if let list = (dict["events"] ?? dict["logEvents"]) as? [Any] {
            let group = dict["logGroup"] as? String
            let stream = dict["logStream"] as? String
            return .cloudWatch(list.compactMap { item in
                guard let e = item as? [String: Any] else { return nil }
                return Self.cloudWatchRecord(e, defaultStream: stream ?? group)
            })
        }
        return parse(view: Self.view(of: dict))
    }

    func parse(view: consuming JSONObjectView) -> Result {
        // A single CloudWatch event: numeric timestamp plus message, nothing else of ours.
        if case .number(let ms) = view["timestamp"], case .string(let message) = view["message"], view["level"] == nil,
           view["logStreamName"] != nil || view["ingestionTime"] != nil || view["eventId"] != nil || view.count <= 3 {
            var stream: String?
            if case .string(let s) = view["logStreamName"] { stream = s }
            return .cloudWatch([CloudWatchRecord(timestamp: Date(timeIntervalSince1970: ms / 1000), message: message, stream: stream)])
        }
        return .event(event(from: view))
    }

    /// The view of a `JSONSerialization` object: its top-level scalars and its flattened fields.
    static func view(of dict: [String: Any]) -> JSONObjectView {
        var view = JSONObjectView()
        for (key, value) in dict {
            flatten(key: key, value: value, into: &view.fields, depth: 0)
            let v: JSONObjectView.Value = switch value {
            case let s as String: .string(s)
            case let n as NSNumber: .number(n.doubleValue)
            default: .other
            }
            view.append(key, v)
        }
        return view
    }

    static func cloudWatchRecord(_ e: [String: Any], defaultStream: String?) -> CloudWatchRecord? {
        guard let message = e["message"] as? String else { return nil }
        var timestamp: Date?
        if let ms = (e["timestamp"] as? NSNumber)?.doubleValue {
            timestamp = Date(timeIntervalSince1970: ms / 1000)
        }
        return CloudWatchRecord(timestamp: timestamp, message: message,
                                stream: (e["logStreamName"] as? String) ?? defaultStream)
    }

    private static let messageKeys = ["message", "msg", "log", "MESSAGE", "Message", "textPayload", "event"]
    private static let timeKeys = ["timestamp", "@timestamp", "time", "ts", "t", "date", "Timestamp", "datetime"]
    private static let levelKeys = ["level", "severity", "lvl", "log.level", "levelname", "Level", "loglevel"]
    private static let sourceKeys = ["logger", "logger_name", "name", "component", "service", "caller", "module",
                                     "source", "app", "container_name"]

    func event(from dict: [String: Any]) -> LogEvent {
        event(from: Self.view(of: dict))
    }

    func event(from view: consuming JSONObjectView) -> LogEvent {
        var fields = view.fields
        view.fields = [:] // `fields` is now the only reference: removing keys below copies nothing
        var message = ""
        for key in Self.messageKeys {
            if let m = fields.removeValue(forKey: key) {
                message = m
                break
            }
        }
        var timestamp: Date?
        for key in Self.timeKeys {
            guard let raw = view[key] else { continue }
            if case .string(let text) = raw, let d = Self.date(text) {
                timestamp = d
            } else if case .number(let n) = raw {
                // seconds, milliseconds or nanoseconds since the epoch
                timestamp = Date(timeIntervalSince1970: n > 1e17 ? n / 1e9 : n > 1e11 ? n / 1000 : n)
            }
            if timestamp != nil {
                fields.removeValue(forKey: key)
                break
            }
        }
        var level: LogLevel?
        for key in Self.levelKeys {
            if let raw = view[key] {
                if case .string(let text) = raw {
                    level = LevelWords.level(text)
                } else if case .number(let n) = raw {
                    level = LevelWords.level(number: n)
                }
            } else if let text = fields[key] {
                level = LevelWords.level(text)
            } else {
                continue
            }
            if level != nil {
                fields.removeValue(forKey: key)
                break
            }
        }
        var source: String?
        for key in Self.sourceKeys {
            if let s = fields[key], !s.isEmpty {
                source = s
                break
            }
        }
        if message.isEmpty {
            // No message key: keep the object itself as the text, so nothing is silently lost.
            message = fields.keys.sorted().map { "\($0)=\(fields[$0] ?? "")" }.joined(separator: " ")
        }
        if level == nil { level = LevelWords.infer(from: message) }
        if fields.count > Self.maxFields {
            let keep = fields.keys.sorted().prefix(Self.maxFields)
            fields = fields.filter { keep.contains($0.key) }
        }
        return LogEvent(timestamp: timestamp, level: level, message: message, source: source, fields: fields)
    }

    static func date(_ text: String) -> Date? {
        var b = Array(text.utf8)
        if b.count > 64 { b = Array(b.prefix(64)) }
        if let r = TimestampParser().parse(b, at: 0) { return r.date }
        return RFC3339.date(from: text)
    }

    static func flatten(key: String, value: Any, into fields: inout [String: String], depth: Int) {
        guard fields.count < maxFields * 2 else { return }
        switch value {
        case let d as [String: Any] where depth < 3:
            for (k, v) in d { flatten(key: "\(key).\(k)", value: v, into: &fields, depth: depth + 1) }
        case let s as String:
            fields[key] = s
        case let n as NSNumber:
            fields[key] = Self.describe(n)
        case is NSNull:
            break
        default:
            if let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]),
               let text = String(data: data, encoding: .utf8) {
                fields[key] = String(text.prefix(512))
            }
        }
    }

    private static func describe(_ n: NSNumber) -> String {
        describe(n.doubleValue)
    }

    static func describe(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }
}
