import CloudDoctorModels

/// Fits an evidence pack into a token budget: evidence stays in rank order; samples are cut
/// before evidence is dropped; what is left out is dropped from the end (the least significant).
struct EvidencePacker: Sendable {
    var budgetTokens: Int
    var shortSampleBytes = 160

    func pack(_ pack: inout EvidencePack) {
        var used = EvidencePack.estimateTokens(EvidencePack.renderHeader(pack.incident, onset: pack.onset, clusterCount: pack.clusterCount))
            + 400 // instructions around the evidence
        var kept: [RankedEvidence] = []
        for var item in pack.items {
            var cost = EvidencePack.estimateTokens(EvidencePack.render(item))
            if used + cost > budgetTokens {
                if item.evidence.sample.utf8.count > shortSampleBytes {
                    item.evidence.sample = String(decoding: item.evidence.sample.utf8.prefix(shortSampleBytes), as: UTF8.self) + "…"
                }
                item.evidence.perMinute = []
                cost = EvidencePack.estimateTokens(EvidencePack.render(item))
            }
            guard used + cost <= budgetTokens else { break }
            used += cost
            kept.append(item)
        }
        pack.items = kept
    }
}
