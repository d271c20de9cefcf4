import CloudDoctorModels
import LogTriage

/// Every claim must cite evidence that exists in the pack; a claim that cites nothing, or an id the
/// pack does not have, is marked unverified with the reason.
public struct ClaimVerifier: Sendable {
    public init() {}

    public func verify(_ claims: [Claim], against pack: EvidencePack) -> [Claim] {
        let known = Set(pack.items.map(\.evidence.id))
        return claims.map { claim in
            var claim = claim
            if claim.evidenceIds.isEmpty {
                claim.verified = false
                claim.note = claim.note ?? "cites no evidence"
            } else {
                let unknown = claim.evidenceIds.filter { !known.contains($0) }
                if !unknown.isEmpty {
                    claim.verified = false
                    claim.note = "cites evidence not in the pack: \(unknown.joined(separator: ", "))"
                }
            }
            return claim
        }
    }
}
