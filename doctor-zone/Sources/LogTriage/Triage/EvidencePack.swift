import CloudDoctorModels
import Foundation

/// One evidence cluster with what triage learned about it.
public struct RankedEvidence: Sendable, Hashable {
    public var evidence: Evidence
    public var score: Double
    /// First seen after the incident began and never before it.
    public var novel: Bool
    /// Rate after onset ÷ rate before it (1 when there is no "before").
    public var burst: Double
    /// The component (logger, service, stream) that wrote most of it.
    public var component: String?
    /// 0…1: how much its active minutes overlap the top failure cluster's.
    public var cooccurrence: Double
    public var failureCount: Int

    public init(evidence: Evidence, score: Double, novel: Bool = false, burst: Double = 1, component: String? = nil,
                cooccurrence: Double = 0, failureCount: Int = 0) {
        self.evidence = evidence
        self.score = score
        self.novel = novel
        self.burst = burst
        self.component = component
        self.cooccurrence = cooccurrence
        self.failureCount = failureCount
    }
}

/// What triage hands to an analyzer: the incident and its ranked, redacted evidence, sized to a
/// token budget. `render()` is exactly the evidence text a model sees.
public struct EvidencePack: Sendable, Hashable {
    public var incident: Incident
    public var items: [RankedEvidence]
    /// False when nothing failed: no error lines and no new burst of warnings.
    public var hasIncident: Bool
    public var onset: Date?
    public var budgetTokens: Int
    /// Templates mined from the whole input.
    public var clusterCount: Int

    public init(incident: Incident, items: [RankedEvidence], hasIncident: Bool, onset: Date? = nil,
                budgetTokens: Int = TriageConfiguration.defaultBudgetTokens, clusterCount: Int = 0) {
        self.incident = incident
        self.items = items
        self.hasIncident = hasIncident
        self.onset = onset
        self.budgetTokens = budgetTokens
        self.clusterCount = clusterCount
    }

    public var evidence: [Evidence] { items.map(\.evidence) }

    public func item(id: String) -> RankedEvidence? { items.first { $0.evidence.id == id } }

    /// A rough token count (4 bytes a token, the usual rule of thumb for English and logs).
    public static func estimateTokens(_ text: String) -> Int { (text.utf8.count + 3) / 4 }

    public func render() -> String {
        var out = Self.renderHeader(incident, onset: onset, clusterCount: clusterCount)
        for item in items { out += Self.render(item) }
        return out
    }

    static func renderHeader(_ incident: Incident, onset: Date?, clusterCount: Int) -> String {
        var out = "incident \(incident.id) fingerprint \(incident.fingerprint)\n"
        out += "source: \(incident.source)\n"
        if let s = incident.windowStart, let e = incident.windowEnd {
            out += "window: \(RFC3339.string(from: s)) .. \(RFC3339.string(from: e))\n"
        }
        if let onset { out += "onset: \(RFC3339.string(from: onset))\n" }
        out += "events: \(incident.eventCount), errors: \(incident.errorCount), malformed lines: \(incident.malformedCount), templates: \(clusterCount)\n"
        if let c = incident.firstFailingComponent { out += "first failing component: \(c)\n" }
        out += "evidence (most significant first):\n"
        return out
    }

    static func render(_ item: RankedEvidence) -> String {
        let e = item.evidence
        var line = "\(e.id) [\(e.level?.rawValue ?? "-")] count=\(e.count)"
        if let f = e.firstSeen { line += " first=\(RFC3339.string(from: f))" }
        if let l = e.lastSeen { line += " last=\(RFC3339.string(from: l))" }
        if let c = item.component { line += " component=\(c)" }
        if item.novel { line += " new" }
        if item.burst >= 2 { line += " burst=\(String(format: "%.1f", item.burst))x" }
        line += "\n  template: \(e.template)\n"
        if e.sample != e.template { line += "  sample: \(e.sample.replacingOccurrences(of: "\n", with: "\n    "))\n" }
        if !e.perMinute.isEmpty, e.perMinute.contains(where: { $0 > 0 }) {
            line += "  per-minute: \(e.perMinute.map(String.init).joined(separator: ","))\n"
        }
        return line
    }
}
