import CloudDoctorModels
import Diagnosis
import Foundation
import LogTriage
import Testing

@Suite("Signatures: confusion matrix over doctor-zone/examples")
struct ConfusionMatrixTests {
    static let examples: [String] = (try? Repo.exampleNames()) ?? []

    @Test("every signature in the catalog has an example log, and every example names a signature or 'healthy'")
    func catalogAndExamplesAgree() throws {
        let ids = Set(SignatureCatalog.all.map(\.id))
        let names = Set(try Repo.exampleNames())
        #expect(ids.subtracting(names).isEmpty, "signatures without an example: \(ids.subtracting(names).sorted())")
        #expect(names.subtracting(ids).subtracting(["healthy"]).isEmpty)
        #expect(ids.count >= 22)
    }

    @Test("each example is diagnosed as its own signature and as no other", arguments: examples)
    func detectsOwnSignature(_ name: String) async throws {
        let pack = try evidencePack(file: Repo.examples.appendingPathComponent("\(name).log").path)
        let result = await DiagnosisPipeline().diagnose(pack: pack)
        if name == "healthy" {
            #expect(!result.foundIncident)
            #expect(result.diagnosis.signature == nil)
            return
        }
        #expect(result.foundIncident)
        #expect(result.diagnosis.signature == name, "\(name) diagnosed as \(result.diagnosis.signature ?? "nothing")")
        #expect(result.diagnosis.confidence >= 0.5)
        // every claim cites evidence that is in the diagnosis
        let ids = Set(result.diagnosis.evidence.map(\.id))
        for claim in result.diagnosis.claims where claim.verified {
            #expect(!claim.evidenceIds.isEmpty && claim.evidenceIds.allSatisfy(ids.contains), "\(claim)")
        }
        #expect(pack.incident.malformedCount == 0)
    }

    @Test("evidence with no known signature gets an honest unknown, citing the top evidence")
    func unknownIsHonest() async {
        var engine = TriageEngine()
        for n in 0..<20 {
            engine.add(LogEvent(timestamp: Date(timeIntervalSince1970: 1_795_800_000 + Double(n)), level: .error,
                                message: "flux capacitor misaligned by \(n) jigawatts"))
        }
        let result = await DiagnosisPipeline().diagnose(pack: engine.finish(source: "t"))
        #expect(result.foundIncident)
        #expect(result.diagnosis.signature == nil)
        #expect(result.diagnosis.rootCause.hasPrefix("Unknown"))
        #expect(result.diagnosis.claims.first?.evidenceIds == ["E1"])
        #expect(result.diagnosis.prescription.files.isEmpty)
    }
}
