import Foundation

/// What a slash command asks for, after its text was checked.
public enum ParsedCommand: Sendable, Hashable {
    case diagnose(DiagnosisRequest)
    case help
    case status
    /// The text could not be used; `detail` says why (shown with the usage text).
    case usage(detail: String)
}

/// Turns `/analyze-logs [log-group] [since]`, `/terraform [log-group] [since] [description]` and
/// `/doctor help|status` into a `ParsedCommand`. Never throws: anything unusable becomes `.usage`.
public struct CommandParser: Sendable {
    public var defaultLogGroup: String?
    public var defaultSince: TimeInterval
    public static let maxTextLength = 1_000
    public static let maxSince: TimeInterval = 14 * 86_400
    public static let maxDescriptionLength = 500

    public init(defaultLogGroup: String?, defaultSince: TimeInterval = 3_600) {
        self.defaultLogGroup = defaultLogGroup
        self.defaultSince = defaultSince
    }

    public func parse(command: String, text rawText: String) -> ParsedCommand {
        guard rawText.utf8.count <= Self.maxTextLength else {
            return .usage(detail: "the text is longer than \(Self.maxTextLength) bytes")
        }
        if rawText.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" }) {
            return .usage(detail: "the text contains control characters")
        }
        let tokens = rawText.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
        switch command.lowercased() {
        case "/analyze-logs": return parseDiagnose(kind: .analyze, tokens: tokens)
        case "/terraform": return parseDiagnose(kind: .terraform, tokens: tokens)
        case "/doctor":
            switch tokens.first?.lowercased() {
            case nil, "help": return tokens.count <= 1 ? .help : .usage(detail: "`/doctor help` takes no arguments")
            case "status": return tokens.count == 1 ? .status : .usage(detail: "`/doctor status` takes no arguments")
            default: return .usage(detail: "unknown `/doctor` subcommand")
            }
        default:
            return .usage(detail: "unknown command")
        }
    }

    private func parseDiagnose(kind: DiagnosisRequest.Kind, tokens: [String]) -> ParsedCommand {
        if let flag = tokens.first(where: { $0.hasPrefix("-") && Self.duration($0) == nil }) {
            return .usage(detail: "unknown flag `\(Self.shown(flag))`")
        }
        var rest = tokens[...]
        var logGroup = defaultLogGroup
        var since = defaultSince
        if let first = rest.first, Self.duration(first) == nil {
            // For /analyze-logs any first word is a log group; for /terraform only one that looks like one
            // (contains `/`, or is followed by a duration), so a description may start right away.
            let next = rest.dropFirst().first
            let looksLikeGroup = first.contains("/") || next.flatMap(Self.duration) != nil || kind == .analyze
            if looksLikeGroup {
                guard Self.isValidLogGroup(first) else {
                    return .usage(detail: "`\(Self.shown(first))` is not a valid log group name")
                }
                logGroup = first
                rest = rest.dropFirst()
            }
        }
        if let first = rest.first, let seconds = Self.duration(first) {
            guard seconds > 0, seconds <= Self.maxSince else {
                return .usage(detail: "`since` must be between 1m and 14d")
            }
            since = seconds
            rest = rest.dropFirst()
        } else if let first = rest.first, Self.looksLikeBadDuration(first) {
            return .usage(detail: "`\(Self.shown(first))` is not a duration like 30m, 2h or 1d")
        }
        let description = rest.joined(separator: " ")
        if kind == .analyze, !description.isEmpty {
            return .usage(detail: "`/analyze-logs` takes only a log group and a duration")
        }
        guard description.count <= Self.maxDescriptionLength else {
            return .usage(detail: "the description is longer than \(Self.maxDescriptionLength) characters")
        }
        guard let logGroup, !logGroup.isEmpty else {
            return .usage(detail: "no log group given and none configured (DOCTOR_LOG_GROUP)")
        }
        return .diagnose(DiagnosisRequest(kind: kind, logGroup: logGroup, since: since, description: description))
    }

    /// `30m`, `2h`, `1d` (also `45s`) in seconds; nil when the token is not a duration.
    public static func duration(_ token: String) -> TimeInterval? {
        guard let unit = token.last, token.count >= 2, token.count <= 7 else { return nil }
        guard let value = Int(token.dropLast()), value >= 0 else { return nil }
        switch unit {
        case "s": return TimeInterval(value)
        case "m": return TimeInterval(value) * 60
        case "h": return TimeInterval(value) * 3_600
        case "d": return TimeInterval(value) * 86_400
        default: return nil
        }
    }

    /// Digits followed by letters (`30min`, `2hours`): meant as a duration, but not one we read.
    static func looksLikeBadDuration(_ token: String) -> Bool {
        let digits = token.prefix(while: { $0.isASCII && $0.isNumber })
        let rest = token.dropFirst(digits.count)
        return !digits.isEmpty && !rest.isEmpty && rest.allSatisfy { $0.isASCII && $0.isLetter }
    }

    /// CloudWatch log group names: 1–512 of `[A-Za-z0-9._/#-]`.
    public static func isValidLogGroup(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 512 else { return false }
        return name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "/"), UInt8(ascii: "#"), UInt8(ascii: "-"):
                true
            default: false
            }
        }
    }

    /// A token safe to echo back inside backticks: bounded and without backticks.
    static func shown(_ token: String) -> String {
        let cleaned = token.replacingOccurrences(of: "`", with: "'")
        return cleaned.count > 40 ? String(cleaned.prefix(40)) + "…" : cleaned
    }
}
