import Foundation
import CloudDoctorModels
import LogTriage

/// Matches evidence against the signature catalog.
public struct SignatureMatcher: Sendable {
    public struct Match: Sendable {
        public var signature: FailureSignature
        public var score: Double
        public var confidence: Double
        /// Evidence ids that matched a required group, in pack order.
        public var evidenceIds: [String]
        /// Evidence ids per required group (for claims).
        public var groupEvidence: [[String]]
        public var supportingTerms: [String]
    }

    public var signatures: [FailureSignature]

    public init(signatures: [FailureSignature] = SignatureCatalog.all) {
        self.signatures = signatures
    }

    static func text(_ item: RankedEvidence) -> String {
        (item.evidence.template + "\n" + item.evidence.sample).lowercased()
    }

    /// Every signature that matches, best first.
    public func matches(_ pack: EvidencePack) -> [Match] {
        let texts = pack.items.map { ($0, Self.text($0)) }
        var out: [Match] = []
        for signature in signatures {
            if signature.excluded.contains(where: { term in texts.contains { $0.1.contains(term) } }) { continue }
            var score = 0.0
            var groups: [[String]] = []
            var ok = true
            for group in signature.required {
                let hits = texts.filter { _, text in group.contains { text.contains($0) } }
                guard let best = hits.map({ $0.0.score }).max() else {
                    ok = false
                    break
                }
                score += log2(1 + best)
                groups.append(hits.map(\.0.evidence.id))
            }
            guard ok else { continue }
            // the evidence must show a failure (or a warning burst), not only routine lines
            let matched = Set(groups.flatMap { $0 })
            let matchedItems = pack.items.filter { matched.contains($0.evidence.id) }
            let failing = matchedItems.contains { ($0.evidence.level ?? .info) >= .warning }
            guard failing || matchedItems.contains(where: \.novel) else { continue }
            let supporting = signature.supporting.filter { term in texts.contains { $0.1.contains(term) } }
            // specificity decides (a root-cause line beats a symptom); evidence rank and support break ties
            score = signature.specificity * (1 + 0.15 * score / Double(signature.required.count)) + 0.05 * Double(supporting.count)
            var confidence = signature.baseConfidence + 0.04 * Double(min(3, supporting.count))
            if !matchedItems.contains(where: { ($0.evidence.level ?? .info).isFailure }) { confidence -= 0.15 }
            if let top = pack.items.first, !matched.contains(top.evidence.id) { confidence -= 0.1 }
            confidence = min(0.97, max(0.3, confidence))
            let ordered = pack.items.map(\.evidence.id).filter { matched.contains($0) }
            out.append(Match(signature: signature, score: score, confidence: (confidence * 100).rounded() / 100,
                             evidenceIds: ordered, groupEvidence: groups, supportingTerms: supporting))
        }
        return out.sorted { $0.score != $1.score ? $0.score > $1.score : $0.signature.id < $1.signature.id }
    }
}
