import Foundation

/// The level a log line was written at, normalised across log formats.
public enum LogLevel: String, Codable, Sendable, CaseIterable, Comparable {
    case trace, debug, info, notice, warning, error, critical

    private var rank: Int {
        switch self {
        case .trace: 0
        case .debug: 1
        case .info: 2
        case .notice: 3
        case .warning: 4
        case .error: 5
        case .critical: 6
        }
    }

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rank < rhs.rank }

    /// True for `error` and `critical`.
    public var isFailure: Bool { self >= .error }
}

/// One log event, whatever format it arrived in (our JSON lines, CloudWatch JSON, plain text).
public struct LogEvent: Codable, Sendable, Hashable {
    /// When the event happened, if the input said so.
    public var timestamp: Date?
    /// The level, if the input said so.
    public var level: LogLevel?
    /// The message text (multi-line messages joined with `\n`).
    public var message: String
    /// Where it came from: a logger label, component, log stream or file name.
    public var source: String?
    /// Extra structured fields (flattened metadata), as strings.
    public var fields: [String: String]

    public init(
        timestamp: Date? = nil,
        level: LogLevel? = nil,
        message: String,
        source: String? = nil,
        fields: [String: String] = [:]
    ) {
        self.timestamp = timestamp
        self.level = level
        self.message = message
        self.source = source
        self.fields = fields
    }
}
