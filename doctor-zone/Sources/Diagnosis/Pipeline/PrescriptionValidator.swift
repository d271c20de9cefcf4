import CloudDoctorModels

/// Whatever a prescriber wrote is untrusted: every snippet and resulting block must parse back
/// with `HCLParser`, and `PolicyGuard` must find nothing that widens exposure compared with the
/// current Terraform. A failure turns the prescription into a refusal with the reason; the Terraform
/// is then never presented as valid.
public struct PrescriptionValidator: Sendable {
    public var policy: PolicyGuard
    public var terraform: TerraformContext

    public init(policy: PolicyGuard = PolicyGuard(), terraform: TerraformContext = .empty) {
        self.policy = policy
        self.terraform = terraform
    }

    public func validate(_ prescription: Prescription) -> Prescription {
        var reasons: [String] = []
        var texts: [(String, String?)] = []
        if !prescription.terraform.isEmpty { texts.append((prescription.terraform, nil)) }
        for file in prescription.files {
            if let block = file.resultingBlock, !block.isEmpty { texts.append((block, current(for: block))) }
        }
        for (text, current) in texts {
            if let error = HCLParser().validate(text) {
                reasons.append("the proposed Terraform does not parse (\(error))")
                continue
            }
            reasons += policy.check(proposed: text, current: current ?? self.current(for: text)).map(\.description)
        }
        guard !reasons.isEmpty else { return prescription }
        var refused = prescription
        var seen = Set<String>()
        refused.refusedReason = reasons.filter { seen.insert($0).inserted }.joined(separator: "; ")
        return refused
    }

    /// The current text of the blocks a proposal redefines (same type and name), for comparison.
    private func current(for proposed: String) -> String? {
        guard let body = try? HCLParser().parse(proposed) else { return nil }
        let existing = body.blocks.compactMap { block -> String? in
            guard block.type == "resource", block.labels.count == 2 else { return nil }
            return terraform.resource(type: block.labels[0], name: block.labels[1])?.text
        }
        return existing.isEmpty ? nil : existing.joined(separator: "\n\n")
    }
}
