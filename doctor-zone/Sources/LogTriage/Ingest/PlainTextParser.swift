import CloudDoctorModels
import Foundation

/// Plain text log lines: a timestamp prefix (ISO 8601, syslog, Go, nginx), a level word in any of
/// the usual spellings (`ERROR`, `[error]`, `- ERROR -`, `ERROR:root:`, `level=error`), a logger
/// (log4j `[thread] com.x.Y -`, Python `name - LEVEL -`, syslog `prog[pid]:`), logfmt (ECS agent,
/// logrus), ALB access logs and nginx/Apache access logs (level from the status code).
struct PlainTextParser: Sendable {
    var timestamps: TimestampParser

    struct Parsed {
        var event: LogEvent
        /// Whether the line began with a timestamp (lines without one may be continuations).
        var hasTimestamp: Bool
    }

    func parse(_ b: [UInt8]) -> Parsed {
        if let alb = parseALB(b) { return Parsed(event: alb, hasTimestamp: true) }
        if let access = parseAccessLog(b) { return Parsed(event: access, hasTimestamp: true) }
        if let logfmt = parseLogfmt(b) { return logfmt }
        return parseGeneric(b)
    }

    // MARK: generic: [timestamp] [host prog[pid]:] [LEVEL] [logger -] message

    private func parseGeneric(_ b: [UInt8]) -> Parsed {
        var i = 0
        var timestamp: Date?
        var syslog = false
        if b.first == 0x5B, let r = timestamps.parse(b, at: 1) { // [timestamp]
            timestamp = r.date
            i = r.end
            if i < b.count, b[i] == 0x5D { i += 1 }
        } else if let r = timestamps.parse(b, at: 0) {
            timestamp = r.date
            syslog = !(b.first.map { $0 >= 0x30 && $0 <= 0x39 } ?? false)
            i = r.end
        }
        var rest = String(decoding: b[i...], as: UTF8.self)
        var source: String?
        if syslog {
            // host prog[pid]: message
            let parts = rest.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
            if parts.count == 3, parts[1].hasSuffix(":") {
                var prog = parts[1].dropLast()
                if let bracket = prog.firstIndex(of: "[") { prog = prog[..<bracket] }
                source = String(prog)
                rest = String(parts[2])
            }
        }
        var (level, logger, message) = Self.splitLevel(rest)
        if source == nil { source = logger }
        if level == nil { level = LevelWords.infer(from: message) }
        let event = LogEvent(timestamp: timestamp, level: level, message: message, source: source)
        return Parsed(event: event, hasTimestamp: timestamp != nil)
    }

    /// Finds a level word among the first tokens; returns the level, a logger if one is spelled
    /// out around it, and the message after it.
    static func splitLevel(_ text: String) -> (LogLevel?, String?, String) {
        let trimmed = text.drop(while: { $0 == " " || $0 == "\t" || $0 == "-" || $0 == "|" || $0 == ":" })
        var tokens: [Substring] = []
        var cursor = trimmed.startIndex
        while tokens.count < 6, cursor < trimmed.endIndex {
            let end = trimmed[cursor...].firstIndex(where: { $0 == " " || $0 == "\t" }) ?? trimmed.endIndex
            tokens.append(trimmed[cursor..<end])
            cursor = trimmed[end...].firstIndex(where: { $0 != " " && $0 != "\t" }) ?? trimmed.endIndex
        }
        for (n, token) in tokens.enumerated() {
            // ERROR:root:message (Python's basicConfig)
            if n == 0, let colon = token.firstIndex(of: ":"), let level = LevelWords.level(token[..<colon]) {
                let afterLevel = token[token.index(after: colon)...]
                if let second = afterLevel.firstIndex(of: ":") {
                    let logger = String(afterLevel[..<second])
                    let message = String(trimmed[trimmed.index(after: second)...])
                    return (level, logger.isEmpty ? nil : logger, message)
                }
            }
            var word = token
            var bracketed = false
            if word.hasPrefix("level=") { word = word.dropFirst(6) }
            if word.hasPrefix("[") || word.hasPrefix("<") || word.hasPrefix("(") {
                word = word.dropFirst()
                bracketed = true
            }
            while let last = word.last, "]>):,|".contains(last) { word = word.dropLast() }
            guard let level = LevelWords.level(word), bracketed || word.uppercased() == word || token.hasPrefix("level=") else {
                continue
            }
            // Logger named before the level (Python `%(name)s - %(levelname)s`), skipping separators.
            var logger: String?
            let before = tokens[..<n].filter { $0 != "-" && $0 != "|" && $0 != ":" }
            if let last = before.last, !last.contains("=") {
                logger = String(last.trimmingCharacters(in: CharacterSet(charactersIn: "[]():")))
            }
            var message = trimmed[token.endIndex...].drop(while: { " \t-|:".contains($0) })
            // log4j: `[thread] com.example.Foo - message` or `com.example.Foo: message`
            if let dash = message.range(of: " - "), message.distance(from: message.startIndex, to: dash.lowerBound) < 96 {
                let head = message[..<dash.lowerBound].split(separator: " ")
                if head.count <= 2, let name = head.last, !name.contains("=") {
                    logger = String(name.trimmingCharacters(in: CharacterSet(charactersIn: "[]():")))
                    message = message[dash.upperBound...]
                }
            }
            return (level, logger?.isEmpty == true ? nil : logger, String(message))
        }
        return (nil, nil, String(trimmed))
    }

    // MARK: logfmt (ECS agent, logrus): level=info time=… msg="…" key=value

    private func parseLogfmt(_ b: [UInt8]) -> Parsed? {
        guard b.count > 6, Self.logfmtStarts.contains(where: { b.starts(with: $0) }) else { return nil }
        let text = String(decoding: b, as: UTF8.self)
        let pairs = Self.logfmtPairs(text)
        guard pairs.count >= 2 else { return nil }
        var timestamp: Date?
        var level: LogLevel?
        var message = ""
        var source: String?
        var extras: [String] = []
        var fields: [String: String] = [:]
        for (key, value) in pairs {
            switch key {
            case "time", "ts", "t": timestamp = JSONLineParser.date(value)
            case "level", "lvl": level = LevelWords.level(value)
            case "msg", "message": message = value
            case "module", "logger", "component": source = value; fields[key] = value
            default:
                extras.append(value.contains(" ") ? "\(key)=\"\(value)\"" : "\(key)=\(value)")
                fields[key] = value
            }
        }
        if !extras.isEmpty { message += (message.isEmpty ? "" : " ") + extras.joined(separator: " ") }
        if level == nil { level = LevelWords.infer(from: message) }
        return Parsed(event: LogEvent(timestamp: timestamp, level: level, message: message, source: source, fields: fields),
                      hasTimestamp: timestamp != nil)
    }

    private static let logfmtStarts: [[UInt8]] = ["level=", "time=", "ts=", "t="].map { Array($0.utf8) }

    static func logfmtPairs(_ text: String) -> [(String, String)] {
        var pairs: [(String, String)] = []
        var i = text.startIndex
        while i < text.endIndex {
            while i < text.endIndex, text[i] == " " { i = text.index(after: i) }
            guard let eq = text[i...].firstIndex(of: "="), !text[i..<eq].contains(" ") else { break }
            let key = String(text[i..<eq])
            var j = text.index(after: eq)
            var value = ""
            if j < text.endIndex, text[j] == "\"" {
                j = text.index(after: j)
                while j < text.endIndex, text[j] != "\"" {
                    if text[j] == "\\", text.index(after: j) < text.endIndex { j = text.index(after: j) }
                    value.append(text[j])
                    j = text.index(after: j)
                }
                if j < text.endIndex { j = text.index(after: j) }
            } else {
                let end = text[j...].firstIndex(of: " ") ?? text.endIndex
                value = String(text[j..<end])
                j = end
            }
            pairs.append((key, value))
            i = j
        }
        return pairs
    }

    // MARK: ALB access log: type time elb client:port target:port rpt tpt spt elb_status target_status rx tx "request" …

    private static let albTypes: Set<String> = ["http", "https", "h2", "grpcs", "ws", "wss"]

    private func parseALB(_ b: [UInt8]) -> LogEvent? {
        guard let space = b.firstIndex(of: 0x20), space <= 5,
              Self.albTypes.contains(String(decoding: b[..<space], as: UTF8.self)),
              let ts = timestamps.parse(b, at: space + 1) else { return nil }
        let fields = Self.quotedFields(String(decoding: b[ts.end...], as: UTF8.self), limit: 13)
        guard fields.count >= 12 else { return nil }
        // fields: elb client target rpt tpt spt elb_status target_status rx tx request ua
        let elbStatus = Int(fields[6]) ?? 0
        let targetStatus = fields[7]
        let level: LogLevel = elbStatus >= 500 ? .error : elbStatus >= 400 ? .warning : .info
        let request = fields[10]
        let message = "ALB \(fields[0]) \(request) elb_status_code=\(fields[6]) target_status_code=\(targetStatus) "
            + "target=\(fields[2]) target_processing_time=\(fields[4])"
        return LogEvent(timestamp: ts.date, level: level, message: message, source: "alb",
                        fields: ["elb_status_code": fields[6], "target_status_code": targetStatus])
    }

    /// Space-separated fields where `"…"` is one field.
    static func quotedFields(_ text: String, limit: Int) -> [String] {
        var out: [String] = []
        var i = text.startIndex
        while i < text.endIndex, out.count < limit {
            while i < text.endIndex, text[i] == " " { i = text.index(after: i) }
            guard i < text.endIndex else { break }
            if text[i] == "\"" {
                let start = text.index(after: i)
                let end = text[start...].firstIndex(of: "\"") ?? text.endIndex
                out.append(String(text[start..<end]))
                i = end < text.endIndex ? text.index(after: end) : end
            } else {
                let end = text[i...].firstIndex(of: " ") ?? text.endIndex
                out.append(String(text[i..<end]))
                i = end
            }
        }
        return out
    }

    // MARK: nginx/Apache access log: client - user [27/Nov/2026:17:20:53 +0000] "GET / HTTP/1.1" 502 157 …

    private func parseAccessLog(_ b: [UInt8]) -> LogEvent? {
        guard let open = b.firstIndex(of: 0x5B), open < 80, open + 1 < b.count,
              b[open + 1] >= 0x30, b[open + 1] <= 0x39,
              let ts = timestamps.parse(b, at: open + 1), ts.end < b.count, b[ts.end] == 0x5D else { return nil }
        let head = String(decoding: b[..<open], as: UTF8.self)
        let tail = String(decoding: b[(ts.end + 1)...], as: UTF8.self)
        let fields = Self.quotedFields(tail, limit: 3)
        guard fields.count >= 2, let status = Int(fields[1]) else { return nil }
        let level: LogLevel = status >= 500 ? .error : status >= 400 ? .warning : .info
        let client = head.split(separator: " ").first.map(String.init) ?? "-"
        let message = "\(client) \"\(fields[0])\" \(status)" + (fields.count > 2 ? " \(fields[2])" : "")
        return LogEvent(timestamp: ts.date, level: level, message: message, source: "access-log",
                        fields: ["status": String(status)])
    }
}
