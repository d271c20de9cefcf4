import CloudDoctorModels
import LogTriage

/// Writes the Terraform change that fixes an analysed incident. Implementations: `OfflinePrescriber`
/// (edits found by resource type in the real `.tf` files) and the Bedrock prescriber.
///
/// Whatever a prescriber returns is untrusted: the pipeline parses every snippet and resulting block
/// back with `HCLParser` and runs `PolicyGuard` on it; a failure is shown as refused, never as valid.
public protocol Prescriber: Sendable {
    /// `offline` or `bedrock:MODEL`: what `Diagnosis.prescriber` records.
    var name: String { get }
    func prescribe(_ analysis: Analysis, pack: EvidencePack, terraform: TerraformContext) async throws -> Prescription
}
