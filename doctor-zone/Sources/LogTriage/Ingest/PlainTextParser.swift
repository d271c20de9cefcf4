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
    /// out around it, and the message after it. Works on the UTF-8 bytes (every separator is ASCII).
    static func splitLevel(_ text: String) -> (LogLevel?, String?, String) {
        var text = text
        return text.withUTF8 { splitLevel(bytes: $0) }
    }

    private static func isLeadingSeparator(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x2D || c == 0x7C || c == 0x3A }
    private static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
    /// `[]():`, trimmed from both ends of a logger name.
    private static func isLoggerPunctuation(_ c: UInt8) -> Bool { c == 0x5B || c == 0x5D || c == 0x28 || c == 0x29 || c == 0x3A }

    private static func splitLevel(bytes p: UnsafeBufferPointer<UInt8>) -> (LogLevel?, String?, String) {
        func string(_ a: Int, _ b: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: p[a..<max(a, b)]), as: UTF8.self) }
        func level(_ a: Int, _ b: Int) -> LogLevel? {
            guard b > a, b - a <= 13 else { return nil } // the longest level word is 13 letters
            return LevelWords.level(string(a, b))
        }
        func firstIndex(of c: UInt8, _ a: Int, _ b: Int) -> Int? {
            var k = a
            while k < b { if p[k] == c { return k }; k += 1 }
            return nil
        }
        func trimmedLogger(_ a: Int, _ b: Int) -> String {
            var a = a, b = b
            while a < b, isLoggerPunctuation(p[a]) { a += 1 }
            while b > a, isLoggerPunctuation(p[b - 1]) { b -= 1 }
            return string(a, b)
        }
        let n = p.count
        var s = 0
        while s < n, isLeadingSeparator(p[s]) { s += 1 }
        var tokens: [(start: Int, end: Int)] = []
        tokens.reserveCapacity(6)
        var cursor = s
        while tokens.count < 6, cursor < n {
            var end = cursor
            while end < n, !isBlank(p[end]) { end += 1 }
            tokens.append((cursor, end))
            cursor = end
            while cursor < n, isBlank(p[cursor]) { cursor += 1 }
        }
        for (index, token) in tokens.enumerated() {
            // ERROR:root:message (Python's basicConfig)
            if index == 0, let colon = firstIndex(of: 0x3A, token.start, token.end), let level = level(token.start, colon),
               let second = firstIndex(of: 0x3A, colon + 1, token.end) {
                let logger = string(colon + 1, second)
                return (level, logger.isEmpty ? nil : logger, string(second + 1, n))
            }
            var ws = token.start, we = token.end
            let levelEquals = we - ws >= 6 && p[ws] == 0x6C && p[ws + 1] == 0x65 && p[ws + 2] == 0x76 && p[ws + 3] == 0x65
                && p[ws + 4] == 0x6C && p[ws + 5] == 0x3D // level=
            if levelEquals { ws += 6 }
            var bracketed = false
            if ws < we, p[ws] == 0x5B || p[ws] == 0x3C || p[ws] == 0x28 {
                ws += 1
                bracketed = true
            }
            while we > ws, p[we - 1] == 0x5D || p[we - 1] == 0x3E || p[we - 1] == 0x29 || p[we - 1] == 0x3A
                || p[we - 1] == 0x2C || p[we - 1] == 0x7C { we -= 1 }
            guard let level = level(ws, we) else { continue }
            var upperCase = true
            for k in ws..<we where p[k] &- 0x61 < 26 { upperCase = false }
            guard bracketed || upperCase || levelEquals else { continue }
            // Logger named before the level (Python `%(name)s - %(levelname)s`), skipping separators.
            var logger: String?
            if let last = tokens[..<index].last(where: { t in
                !(t.end - t.start == 1 && (p[t.start] == 0x2D || p[t.start] == 0x7C || p[t.start] == 0x3A))
            }), firstIndex(of: 0x3D, last.start, last.end) == nil {
                logger = trimmedLogger(last.start, last.end)
            }
            var m = token.end
            while m < n, isLeadingSeparator(p[m]) { m += 1 }
            // log4j: `[thread] com.example.Foo - message` or `com.example.Foo: message`
            var dash: Int?
            var k = m
            while k + 2 < n {
                if p[k] == 0x20, p[k + 1] == 0x2D, p[k + 2] == 0x20 { dash = k; break }
                k += 1
            }
            if let dash, dash - m < 96 || string(m, dash).count < 96 {
                // the words before the dash (runs of spaces split them, as `split(separator: " ")`)
                var words: [(Int, Int)] = []
                var w = m
                while w < dash, words.count <= 2 {
                    while w < dash, p[w] == 0x20 { w += 1 }
                    guard w < dash else { break }
                    var e = w
                    while e < dash, p[e] != 0x20 { e += 1 }
                    words.append((w, e))
                    w = e
                }
                if words.count <= 2, let name = words.last, firstIndex(of: 0x3D, name.0, name.1) == nil {
                    logger = trimmedLogger(name.0, name.1)
                    m = dash + 3
                }
            }
            return (level, logger?.isEmpty == true ? nil : logger, string(m, n))
        }
        return (nil, nil, string(s, n))
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
        guard b.count > 16, b[0] == 0x68 || b[0] == 0x67 || b[0] == 0x77, // h…, grpcs, ws/wss: no String for other lines
              let space = b.firstIndex(of: 0x20), space <= 5,
              Self.albTypes.contains(String(decoding: b[..<space], as: UTF8.self)),
              let ts = timestamps.parse(b, at: space + 1) else { return nil }
        let fields = Self.quotedFields(b[ts.end...], limit: 13)
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

    /// Space-separated fields where `"…"` is one field (space and quote are ASCII, so a field is whole UTF-8).
    static func quotedFields(_ b: ArraySlice<UInt8>, limit: Int) -> [String] {
        var out: [String] = []
        out.reserveCapacity(limit)
        var i = b.startIndex
        let end = b.endIndex
        while i < end, out.count < limit {
            while i < end, b[i] == 0x20 { i += 1 }
            guard i < end else { break }
            if b[i] == 0x22 {
                let start = i + 1
                var close = start
                while close < end, b[close] != 0x22 { close += 1 }
                out.append(String(decoding: b[start..<close], as: UTF8.self))
                i = close < end ? close + 1 : close
            } else {
                var stop = i
                while stop < end, b[stop] != 0x20 { stop += 1 }
                out.append(String(decoding: b[i..<stop], as: UTF8.self))
                i = stop
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
        let fields = Self.quotedFields(b[(ts.end + 1)...], limit: 3)
        guard fields.count >= 2, let status = Int(fields[1]) else { return nil }
        let level: LogLevel = status >= 500 ? .error : status >= 400 ? .warning : .info
        let client = head.split(separator: " ").first.map(String.init) ?? "-"
        let message = "\(client) \"\(fields[0])\" \(status)" + (fields.count > 2 ? " \(fields[2])" : "")
        return LogEvent(timestamp: ts.date, level: level, message: message, source: "access-log",
                        fields: ["status": String(status)])
    }
}
