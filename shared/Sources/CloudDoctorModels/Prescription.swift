/// A change to one Terraform file: a unified diff plus the full resulting block.
public struct FilePatch: Codable, Sendable, Hashable {
    /// Path relative to the repository root, e.g. `infra/aws/modules/ecs-service/main.tf`.
    public var path: String
    /// Unified diff (`--- a/…`, `+++ b/…`, hunks) against the file as it is.
    public var diff: String
    /// The whole block after the change, as HCL.
    public var resultingBlock: String?

    public init(path: String, diff: String, resultingBlock: String? = nil) {
        self.path = path
        self.diff = diff
        self.resultingBlock = resultingBlock
    }
}

/// The fix: why, the Terraform, and the file patches. Never applied by the Doctor.
public struct Prescription: Codable, Sendable, Hashable {
    public var explanation: String
    /// The Terraform snippet (already parsed back by the HCL reader before it is shown).
    public var terraform: String
    public var files: [FilePatch]
    /// Set when the policy guard refused a proposed change, with the reason shown to operators.
    public var refusedReason: String?

    public init(explanation: String, terraform: String, files: [FilePatch] = [], refusedReason: String? = nil) {
        self.explanation = explanation
        self.terraform = terraform
        self.files = files
        self.refusedReason = refusedReason
    }
}
