import Foundation

/// One cluster of log lines that a diagnosis rests on. Samples are always redacted.
public struct Evidence: Codable, Sendable, Hashable {
    /// Short stable id claims cite, e.g. `E1`.
    public var id: String
    /// The mined template, variables written `<*>`.
    public var template: String
    public var count: Int
    public var firstSeen: Date?
    public var lastSeen: Date?
    /// One redacted example line.
    public var sample: String
    /// The highest level seen in the cluster.
    public var level: LogLevel?
    /// Events per minute across the window, for sparklines and timelines (may be empty).
    public var perMinute: [Int]

    public init(
        id: String,
        template: String,
        count: Int,
        firstSeen: Date? = nil,
        lastSeen: Date? = nil,
        sample: String,
        level: LogLevel? = nil,
        perMinute: [Int] = []
    ) {
        self.id = id
        self.template = template
        self.count = count
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.sample = sample
        self.level = level
        self.perMinute = perMinute
    }
}
