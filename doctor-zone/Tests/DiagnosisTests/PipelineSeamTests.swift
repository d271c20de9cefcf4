import CloudDoctorModels
import Diagnosis
import Foundation
import LogTriage
import Testing

/// An analyzer standing in for an LLM client: fails, or answers with claims of its choosing.
struct ScriptedAnalyzer: RootCauseAnalyzer {
    var name = "vertex:test-model"
    var analysis: Analysis?

    struct Failure: Error, CustomStringConvertible { var description: String { "timeout after 30 s" } }

    func analyze(_ pack: EvidencePack) async throws -> Analysis {
        guard let analysis else { throw Failure() }
        return analysis
    }
}

struct ScriptedPrescriber: Prescriber {
    var name = "bedrock:test-model"
    var prescription: Prescription
    func prescribe(_ analysis: Analysis, pack: EvidencePack, terraform: TerraformContext) async throws -> Prescription { prescription }
}

@Suite("Diagnosis pipeline seams")
struct PipelineSeamTests {
    static func pack() throws -> EvidencePack {
        try evidencePack(file: Repo.examples.appendingPathComponent("pool-exhausted.log").path)
    }

    @Test("a failing analyzer falls back to offline and says so in the notes")
    func analyzerFallback() async throws {
        let pipeline = DiagnosisPipeline(analyzer: ScriptedAnalyzer(analysis: nil))
        let d = await pipeline.diagnose(pack: try Self.pack()).diagnosis
        #expect(d.analyzer == "offline")
        #expect(d.signature == "pool-exhausted")
        #expect(d.notes.contains { $0.contains("vertex:test-model") && $0.contains("timeout") })
    }

    @Test("claims that cite nothing or unknown evidence are marked unverified")
    func claimsChecked() async throws {
        let analysis = Analysis(summary: "s", rootCause: "r", severity: .high, confidence: 1.7, claims: [
            Claim(text: "cited", evidenceIds: ["E1"], verified: true),
            Claim(text: "uncited", evidenceIds: [], verified: true),
            Claim(text: "invented", evidenceIds: ["E99"], verified: true),
        ])
        let d = await DiagnosisPipeline(analyzer: ScriptedAnalyzer(analysis: analysis)).diagnose(pack: try Self.pack()).diagnosis
        #expect(d.analyzer == "vertex:test-model")
        #expect(d.claims.map(\.verified) == [true, false, false])
        #expect(d.claims[2].note?.contains("E99") == true)
        #expect(d.confidence == 1)
    }

    @Test("a prescription that widens exposure is refused with the reason, whoever wrote it")
    func guardAppliesToEveryPrescriber() async throws {
        let bad = Prescription(explanation: "open the database", terraform: """
        resource "aws_security_group_rule" "db" {
          type        = "ingress"
          from_port   = 3306
          to_port     = 3306
          protocol    = "tcp"
          cidr_blocks = ["0.0.0.0/0"]
        }
        """)
        let d = await DiagnosisPipeline(prescriber: ScriptedPrescriber(prescription: bad)).diagnose(pack: try Self.pack()).diagnosis
        #expect(d.prescriber == "bedrock:test-model")
        #expect(d.prescription.refusedReason?.contains("3306 (MySQL)") == true)
    }

    @Test("Terraform that does not parse is refused, never shown as valid")
    func invalidRefused() async throws {
        let bad = Prescription(explanation: "x", terraform: "resource \"aws_lb\" \"x\" {\n  idle_timeout = \n}\n")
        let d = await DiagnosisPipeline(prescriber: ScriptedPrescriber(prescription: bad)).diagnose(pack: try Self.pack()).diagnosis
        #expect(d.prescription.refusedReason?.contains("does not parse") == true)
        let text = TextReportRenderer().render(d)
        #expect(text.contains("REFUSED"))
        #expect(!text.contains("idle_timeout ="))
    }
}
