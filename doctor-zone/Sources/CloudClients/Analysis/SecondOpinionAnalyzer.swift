import CloudDoctorModels
import Diagnosis
import Foundation
import LogTriage

/// The primary analyzer (Gemini) answers; then Claude checks each claim against the same redacted
/// evidence. Claims it finds unsupported or contradicted are marked unverified with its note.
/// If the review itself fails, the primary analysis stands and a note says the review did not happen.
public struct SecondOpinionAnalyzer: RootCauseAnalyzer {
    public var primary: any RootCauseAnalyzer
    public var reviewer: BedrockRuntimeClient
    public var ledger: UsageLedger

    public init(primary: any RootCauseAnalyzer, reviewer: BedrockRuntimeClient, ledger: UsageLedger) {
        self.primary = primary
        self.reviewer = reviewer
        self.ledger = ledger
    }

    public var name: String { primary.name }

    public func analyze(_ pack: EvidencePack) async throws -> Analysis {
        var analysis = try await primary.analyze(pack)
        guard !analysis.claims.isEmpty else { return analysis }
        do {
            let claims = analysis.claims.enumerated().map { index, claim in
                "\(index + 1). \(claim.text) [cites: \(claim.evidenceIds.isEmpty ? "nothing" : claim.evidenceIds.joined(separator: ", "))]"
            }.joined(separator: "\n")
            let prompt = Prompts.render(Prompts.reviewerUser, ["evidence": pack.render(), "rootCause": analysis.rootCause, "claims": claims])
            let answer = try await reviewer.invoke(system: Prompts.reviewerSystem, prompt: prompt, maxTokens: 1500)
            await ledger.record(answer)
            let reviews = (try ModelJSON.object(in: answer.text)["reviews"] as? [[String: Any]]) ?? []
            var checked = 0
            for review in reviews {
                guard let index = (review["index"] as? NSNumber)?.intValue, (1...analysis.claims.count).contains(index),
                      let verdict = (review["verdict"] as? String)?.lowercased() else { continue }
                checked += 1
                if verdict == "unsupported" || verdict == "contradicted" {
                    analysis.claims[index - 1].verified = false
                    let note = ModelJSON.string(review, "note", max: 300) ?? ""
                    analysis.claims[index - 1].note = "\(reviewer.name) review: \(verdict)" + (note.isEmpty ? "" : ": \(note)")
                }
            }
            let unverified = analysis.claims.filter { !$0.verified }.count
            await ledger.note("second opinion by \(reviewer.name): \(checked) of \(analysis.claims.count) claims reviewed, \(unverified) unverified")
        } catch {
            await ledger.note("second opinion by \(reviewer.name) unavailable: \(error)")
        }
        return analysis
    }
}
