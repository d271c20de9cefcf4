import Foundation

/// The parts of a CloudWatch alarm state-change notification (the SNS `Message` JSON) the Doctor uses.
public struct AlarmNotification: Sendable, Hashable {
    public var alarmName: String
    public var alarmArn: String
    public var newState: String
    public var reason: String
    public var stateChangeTime: Date
    /// The log group to read: `log-group: NAME` / `log-group=NAME` in the alarm description, a
    /// `LogGroupName` dimension, or nil (the caller then uses its default).
    public var logGroup: String?
    /// Seconds the alarm evaluated over (Period × EvaluationPeriods), when given.
    public var evaluatedSeconds: TimeInterval?

    public var isAlarm: Bool { newState == "ALARM" }

    /// nil when the message is not a CloudWatch alarm notification.
    public init?(message: String) {
        guard message.utf8.count <= 256 * 1024, let json = JSONValue.decode(Array(message.utf8)),
              let name = json["AlarmName"]?.stringValue, let state = json["NewStateValue"]?.stringValue
        else { return nil }
        alarmName = name
        alarmArn = json["AlarmArn"]?.stringValue ?? name
        newState = state
        reason = json["NewStateReason"]?.stringValue ?? ""
        stateChangeTime = json["StateChangeTime"]?.stringValue.flatMap(Self.parseTime) ?? Date()
        let fromDescription = (json["AlarmDescription"]?.stringValue).flatMap(Self.logGroup(inDescription:))
        let fromDimensions = json["Trigger"]?["Dimensions"]?.arrayValue?.first {
            ($0["name"]?.stringValue ?? $0["Name"]?.stringValue) == "LogGroupName"
        }.flatMap { $0["value"]?.stringValue ?? $0["Value"]?.stringValue }
        logGroup = (fromDescription ?? fromDimensions).flatMap { CommandParser.isValidLogGroup($0) ? $0 : nil }
        if let period = json["Trigger"]?["Period"]?.intValue {
            evaluatedSeconds = TimeInterval(period * max(1, json["Trigger"]?["EvaluationPeriods"]?.intValue ?? 1))
        }
    }

    /// The window to diagnose: the evaluated span (at least 15 minutes, at most 6 hours) up to the change.
    public var window: (since: TimeInterval, end: Date) {
        let span = min(max(evaluatedSeconds ?? 900, 900), 6 * 3_600)
        return (span, stateChangeTime.addingTimeInterval(60))
    }

    static func logGroup(inDescription text: String) -> String? {
        for marker in ["log-group:", "log-group=", "log_group:", "log_group="] {
            guard let range = text.range(of: marker, options: .caseInsensitive) else { continue }
            let rest = text[range.upperBound...].drop(while: { $0 == " " })
            let name = rest.prefix(while: { !$0.isWhitespace && $0 != "," && $0 != ";" })
            if !name.isEmpty { return String(name) }
        }
        return nil
    }

    /// CloudWatch writes `2026-11-27T17:20:53.123+0000`.
    static func parseTime(_ text: String) -> Date? {
        var normalized = text
        if normalized.hasSuffix("+0000") { normalized = String(normalized.dropLast(5)) + "Z" }
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(normalized) { return date }
        return try? Date.ISO8601FormatStyle().parse(normalized)
    }
}
