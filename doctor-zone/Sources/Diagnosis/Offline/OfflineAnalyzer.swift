import CloudDoctorModels
import LogTriage

/// The analyzer that needs no network: the signature knowledge base. When nothing matches it says
/// so ("no known signature") with the top evidence, rather than guessing.
public struct OfflineAnalyzer: RootCauseAnalyzer {
    public let name = "offline"
    public var matcher: SignatureMatcher

    public init(matcher: SignatureMatcher = SignatureMatcher()) {
        self.matcher = matcher
    }

    public func analyze(_ pack: EvidencePack) async throws -> Analysis {
        analyzeNow(pack)
    }

    /// Synchronous form (the offline analyzer never waits on anything).
    public func analyzeNow(_ pack: EvidencePack) -> Analysis {
        guard pack.hasIncident else {
            return Analysis(
                summary: "No failure found in \(pack.incident.eventCount) events.",
                rootCause: "Nothing to diagnose: no error lines and no new burst of warnings.",
                severity: .info, confidence: 0.9)
        }
        guard let match = matcher.matches(pack).first else { return unknown(pack) }
        let s = match.signature
        var claims: [Claim] = []
        for (group, ids) in zip(s.required, match.groupEvidence) {
            let cited = Array(ids.prefix(3))
            let shown = group.first { term in cited.contains { id in pack.item(id: id).map(SignatureMatcher.text)?.contains(term) ?? false } } ?? group[0]
            claims.append(Claim(text: "The logs show \"\(shown)\" (\(cited.joined(separator: ", "))).", evidenceIds: cited, verified: true))
        }
        if let top = match.evidenceIds.first, let item = pack.item(id: top) {
            var when = ""
            if let first = item.evidence.firstSeen { when = " first at \(RFC3339.string(from: first))" }
            claims.append(Claim(text: "\(top) occurred \(item.evidence.count) times\(when)\(item.novel ? ", never before the incident" : "").",
                                evidenceIds: [top], verified: true))
        }
        if let component = pack.incident.firstFailingComponent {
            let ids = pack.items.filter { $0.component == component && $0.failureCount > 0 }.prefix(2).map(\.evidence.id)
            claims.append(Claim(text: "The first component to fail was \(component).", evidenceIds: Array(ids), verified: !ids.isEmpty))
        }
        claims.append(Claim(text: s.rootCause, evidenceIds: Array(match.evidenceIds.prefix(3)), verified: true,
                            note: "inferred from signature \(s.id)"))
        return Analysis(summary: s.summary, rootCause: s.rootCause, severity: s.severity, confidence: match.confidence,
                        claims: claims, signature: s.id, remediation: s.remediation)
    }

    private func unknown(_ pack: EvidencePack) -> Analysis {
        let top = Array(pack.items.prefix(3))
        let ids = top.map(\.evidence.id)
        let lines = top.map { "\($0.evidence.id): \($0.evidence.template) (×\($0.evidence.count))" }.joined(separator: "; ")
        let severity: Severity = pack.items.contains { $0.evidence.level == .critical } ? .high : .medium
        return Analysis(
            summary: "No known signature matches; the most significant evidence is listed.",
            rootCause: "Unknown: the evidence matches no failure signature in the knowledge base. Top evidence: \(lines)",
            severity: severity, confidence: 0.2,
            claims: ids.isEmpty ? [] : [Claim(text: "These are the most significant error clusters.", evidenceIds: ids, verified: true)])
    }
}
