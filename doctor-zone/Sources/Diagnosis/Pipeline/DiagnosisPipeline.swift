import CloudDoctorModels
import Foundation
import LogTriage

/// Events in, `Diagnosis` out: triage → analyzer (falls back to offline on any failure) →
/// claim check → prescriber (falls back to offline) → HCL parse-back and policy guard of whatever
/// was prescribed. The CLI (`doctor diagnose`) and the service (`doctor serve`) both use it.
///
///     let pipeline = DiagnosisPipeline(terraform: .load(directory: "infra/aws"))
///     let result = await pipeline.diagnose(events: events, source: "/ecs/patient-api")
///     result.diagnosis   // the JSON contract; result.foundIncident false → nothing wrong
public struct DiagnosisPipeline: Sendable {
    public var analyzer: any RootCauseAnalyzer
    public var prescriber: any Prescriber
    public var fallbackAnalyzer: any RootCauseAnalyzer
    public var fallbackPrescriber: any Prescriber
    public var triage: TriageConfiguration
    public var terraform: TerraformContext
    public var policy: PolicyGuard

    public init(
        analyzer: any RootCauseAnalyzer = OfflineAnalyzer(),
        prescriber: any Prescriber = OfflinePrescriber(),
        fallbackAnalyzer: any RootCauseAnalyzer = OfflineAnalyzer(),
        fallbackPrescriber: any Prescriber = OfflinePrescriber(),
        triage: TriageConfiguration = TriageConfiguration(),
        terraform: TerraformContext = .empty,
        policy: PolicyGuard = PolicyGuard()
    ) {
        self.analyzer = analyzer
        self.prescriber = prescriber
        self.fallbackAnalyzer = fallbackAnalyzer
        self.fallbackPrescriber = fallbackPrescriber
        self.triage = triage
        self.terraform = terraform
        self.policy = policy
    }

    public struct Result: Sendable {
        public var diagnosis: Diagnosis
        public var pack: EvidencePack
        /// False when the logs show nothing wrong (`doctor diagnose` exits 3).
        public var foundIncident: Bool
    }

    /// Triage only: the evidence pack the analyzer will see.
    public func pack(events: some Sequence<LogEvent>, source: String, statistics: IngestStatistics = IngestStatistics()) -> EvidencePack {
        var engine = TriageEngine(configuration: triage)
        for event in events { engine.add(event) }
        return engine.finish(source: source, statistics: statistics)
    }

    public func diagnose(events: some Sequence<LogEvent>, source: String, statistics: IngestStatistics = IngestStatistics()) async -> Result {
        await diagnose(pack: pack(events: events, source: source, statistics: statistics))
    }

    public func diagnose(pack: EvidencePack) async -> Result {
        var notes: [String] = []
        var analyzerName = analyzer.name
        var analysis: Analysis
        do {
            analysis = try await analyzer.analyze(pack)
        } catch {
            notes.append("\(analyzer.name): \(Self.describe(error)); used \(fallbackAnalyzer.name)")
            analyzerName = fallbackAnalyzer.name
            analysis = (try? await fallbackAnalyzer.analyze(pack)) ?? OfflineAnalyzer().analyzeNow(pack)
        }
        analysis.claims = ClaimVerifier().verify(analysis.claims, against: pack)
        analysis.confidence = min(1, max(0, analysis.confidence))

        var prescriberName = prescriber.name
        var prescription: Prescription
        if pack.hasIncident {
            do {
                prescription = try await prescriber.prescribe(analysis, pack: pack, terraform: terraform)
            } catch {
                notes.append("\(prescriber.name): \(Self.describe(error)); used \(fallbackPrescriber.name)")
                prescriberName = fallbackPrescriber.name
                prescription = (try? await fallbackPrescriber.prescribe(analysis, pack: pack, terraform: terraform))
                    ?? Prescription(explanation: "No prescription: every prescriber failed.", terraform: "")
            }
            prescription = PrescriptionValidator(policy: policy, terraform: terraform).validate(prescription)
        } else {
            prescription = Prescription(explanation: "Nothing failed, so nothing to change.", terraform: "")
        }

        let diagnosis = Diagnosis(
            incident: pack.incident, summary: analysis.summary, rootCause: analysis.rootCause, severity: analysis.severity,
            confidence: (analysis.confidence * 100).rounded() / 100, signature: analysis.signature, evidence: pack.evidence,
            claims: analysis.claims, prescription: prescription, analyzer: analyzerName, prescriber: prescriberName, notes: notes)
        return Result(diagnosis: diagnosis, pack: pack, foundIncident: pack.hasIncident)
    }

    /// An error as one line with no internals beyond its type and message.
    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}
