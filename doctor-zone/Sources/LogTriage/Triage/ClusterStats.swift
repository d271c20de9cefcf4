import CloudDoctorModels
import Foundation

/// What triage keeps per template cluster: counts, times, one sample, a per-minute histogram.
/// Memory is bounded by clusters × minutes, never by lines.
struct ClusterStats: Sendable {
    var count = 0
    var failureCount = 0
    var warningCount = 0
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
    static let maxComponents = 8
}
