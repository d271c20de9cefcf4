import CloudDoctorModels
import Diagnosis
import Foundation
import LogTriage

/// Claude on Bedrock writes the Terraform change. Only the analysis, the redacted evidence and the
/// relevant Terraform (itself passed through the log redactor) are sent. The answer is parsed with
/// the HCL reader; if any block does not parse the prescription is rejected (the pipeline then shows
/// the offline one and says why).
public struct BedrockPrescriber: Prescriber {
    public var client: BedrockRuntimeClient
    public var ledger: UsageLedger
    /// How much Terraform text goes into the prompt at most.
    public var terraformBudgetBytes: Int

    public init(client: BedrockRuntimeClient, ledger: UsageLedger, terraformBudgetBytes: Int = 48_000) {
        self.client = client
        self.ledger = ledger
        self.terraformBudgetBytes = terraformBudgetBytes
    }

    public var name: String { client.name }

    public func prescribe(_ analysis: Analysis, pack: EvidencePack, terraform: TerraformContext) async throws -> Prescription {
        let prompt = Prompts.render(Prompts.prescriberUser, [
            "analysis": Self.describe(analysis),
            "evidence": pack.render(),
            "terraform": relevantTerraform(terraform, analysis: analysis),
        ])
        let answer = try await client.invoke(system: Prompts.prescriberSystem, prompt: prompt, maxTokens: 4096)
        await ledger.record(answer)
        let object = try ModelJSON.object(in: answer.text)
        guard let explanation = ModelJSON.string(object, "explanation"), !explanation.isEmpty,
              let hcl = ModelJSON.string(object, "terraform", max: 40_000) else {
            throw CloudClientError(CloudClientError.malformed, "the prescription lacks explanation or terraform")
        }
        let files = ((object["files"] as? [[String: Any]]) ?? []).prefix(10).compactMap { item -> FilePatch? in
            guard let path = ModelJSON.string(item, "path", max: 300), !path.isEmpty, !path.contains(".."), !path.hasPrefix("/") else { return nil }
            return FilePatch(path: path, diff: ModelJSON.string(item, "diff", max: 40_000) ?? "",
                             resultingBlock: ModelJSON.string(item, "resultingBlock", max: 40_000))
        }
        for text in [hcl] + files.compactMap(\.resultingBlock) where !text.isEmpty {
            if let error = HCLParser().validate(text) {
                throw CloudClientError(CloudClientError.invalidTerraform, "Claude's Terraform does not parse (\(error))")
            }
        }
        return Prescription(explanation: explanation, terraform: hcl, files: Array(files))
    }

    static func describe(_ analysis: Analysis) -> String {
        var lines = ["summary: \(analysis.summary)", "root cause: \(analysis.rootCause)", "severity: \(analysis.severity.rawValue)"]
        if let remediation = analysis.remediation { lines.append("remediation: \(remediation)") }
        for claim in analysis.claims where claim.verified {
            lines.append("- \(claim.text) [\(claim.evidenceIds.joined(separator: ", "))]")
        }
        return lines.joined(separator: "\n")
    }

    /// The `.tf` files most related to the analysis first (by the resource words it uses), up to the budget, redacted.
    func relevantTerraform(_ terraform: TerraformContext, analysis: Analysis) -> String {
        let words = Set((analysis.rootCause + " " + (analysis.remediation ?? "") + " " + analysis.summary).lowercased()
            .split { !$0.isLetter && !$0.isNumber }.map(String.init).filter { $0.count >= 3 })
        let scored = terraform.files.map { file -> (TerraformFile, Int) in
            let text = file.text.lowercased()
            return (file, words.reduce(0) { $0 + (text.contains($1) ? 1 : 0) })
        }.sorted { $0.1 == $1.1 ? $0.0.path < $1.0.path : $0.1 > $1.1 }
        var out = ""
        for (file, _) in scored {
            let section = "--- \(file.path)\n\(TerraformRedactor.redact(file.text))\n"
            if out.utf8.count + section.utf8.count > terraformBudgetBytes { continue }
            out += section
        }
        return out.isEmpty ? "(no Terraform files were found)" : out
    }
}
