import CloudDoctorModels
import Foundation

/// What triage keeps per template cluster: counts, times, one sample, a per-minute histogram.
/// Memory is bounded by clusters × minutes, never by lines.
struct ClusterStats: Sendable {
    var count = 0
    var failureCount = 0
    var warningCount = 0
    /// Warnings that carry an error code (`error.code`, `errorCode`…): the service itself names a failure condition.
    var codedWarningCount = 0
    var maxLevel: LogLevel = .trace
    var firstSeen: Date?
    var lastSeen: Date?
    /// One redacted sample, from the first event at the highest level seen.
    var sample = ""
    var firstFailureAt: Date?
    var firstFailureComponent: String?
    /// Minute (since the epoch) → events.
    var perMinute: [Int: Int] = [:]
    var components: [String: Int] = [:]

    static let maxMinutes = 20_000

    /// Adds another cluster's statistics (the miner merged the two).
    mutating func absorb(_ o: ClusterStats) {
        count += o.count
        failureCount += o.failureCount
        warningCount += o.warningCount
        codedWarningCount += o.codedWarningCount
        if o.maxLevel > maxLevel {
            maxLevel = o.maxLevel
            sample = o.sample
        }
        if let f = o.firstSeen, firstSeen.map({ f < $0 }) ?? true { firstSeen = f }
        if let l = o.lastSeen, lastSeen.map({ l > $0 }) ?? true { lastSeen = l }
        if let f = o.firstFailureAt, firstFailureAt.map({ f < $0 }) ?? true {
            firstFailureAt = f
            firstFailureComponent = o.firstFailureComponent
        }
        for (minute, n) in o.perMinute { perMinute[minute, default: 0] += n }
        for (c, n) in o.components where components.count < Self.maxComponents || components[c] != nil { components[c, default: 0] += n }
    }
    static let maxComponents = 8
}
