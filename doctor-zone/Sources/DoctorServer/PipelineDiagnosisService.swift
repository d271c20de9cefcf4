import ChatOps
import CloudClients
import CloudDoctorModels
import Diagnosis
import Foundation
import LogTriage
import NIOPosix

/// The real diagnosis: events from a `LogSource`, triage on a thread pool (CPU work stays off the
/// threads that answer Slack), then an analyst: `DiagnosisPipeline` offline by default, or the cloud
/// models with their offline fallbacks and fingerprint cache (`cloud(_:…)`).
public struct PipelineDiagnosisService: DiagnosisService {
    /// Evidence pack and Terraform in, diagnosis out.
    public typealias Analyst = @Sendable (EvidencePack, TerraformContext) async -> Diagnosis

    public let source: any LogSource
    /// Terraform the prescription edits; loaded per diagnosis (nothing heavy at start).
    public let terraformDirectory: String?
    public let triage: TriageConfiguration
    public let modelsDescription: String
    /// True when a model (not only the offline analyzer) may receive the evidence.
    public let usesModels: Bool
    let analyst: Analyst

    public init(source: any LogSource, terraformDirectory: String?, triage: TriageConfiguration = TriageConfiguration(),
                modelsDescription: String = "offline analyzer and prescriber", usesModels: Bool = false,
                analyst: @escaping Analyst = { pack, terraform in await DiagnosisPipeline(terraform: terraform).diagnose(pack: pack).diagnosis })
    {
        self.source = source
        self.terraformDirectory = terraformDirectory
        self.triage = triage
        self.modelsDescription = modelsDescription
        self.usesModels = usesModels
        self.analyst = analyst
    }

    /// With the cloud models chosen by `DOCTOR_ANALYZER` / `DOCTOR_PRESCRIBER` (offline fallback on any failure).
    public static func cloud(_ service: CloudDiagnosisService, source: any LogSource, terraformDirectory: String?,
                             triage: TriageConfiguration = TriageConfiguration()) -> PipelineDiagnosisService
    {
        let selection = service.selection
        let description = "analyzer \(selection.analyzer.rawValue), prescriber \(selection.prescriber.rawValue) (offline fallback)"
        return PipelineDiagnosisService(
            source: source, terraformDirectory: terraformDirectory, triage: triage, modelsDescription: description,
            usesModels: selection.analyzer != .offline || selection.prescriber != .offline
        ) { pack, terraform in
            await service.diagnose(pack: pack, triage: triage, terraform: terraform).diagnosis
        }
    }

    public func isReady() async -> Bool { await source.isReady() }

    public func diagnose(_ request: DiagnosisRequest) async throws -> DiagnosisReport {
        let end = request.windowEnd ?? Date()
        let start = end.addingTimeInterval(-request.since)
        let (events, statistics) = try await source.events(logGroup: request.logGroup, start: start, end: end)
        guard !events.isEmpty else {
            throw DiagnosisFailure(code: "no_events", message: "No log events in `\(request.logGroup)` for that window.")
        }
        let directory = terraformDirectory
        let triagePipeline = DiagnosisPipeline(triage: triage)
        let cancelled = CancellationFlag()
        let (pack, terraform) = try await withTaskCancellationHandler {
            try await NIOThreadPool.singleton.runIfActive {
                let terraform = directory.map { TerraformContext.load(directory: $0) } ?? .empty
                // A cancelled job stops feeding triage at once.
                let feed = events.lazy.prefix(while: { _ in !cancelled.isSet })
                return (triagePipeline.pack(events: feed, source: request.logGroup, statistics: statistics), terraform)
            }
        } onCancel: {
            cancelled.set()
        }
        try Task.checkCancellation()
        var diagnosis = await analyst(pack, terraform)
        if !request.description.isEmpty {
            diagnosis.notes.append("operator's note: \(request.description)")
        }
        let sent = diagnosis.analyzer == "offline"
            ? "(offline analyzer: nothing left the process; this is what a model would be sent)\n\n" + AnalysisPrompt.text(for: pack)
            : AnalysisPrompt.text(for: pack)
        return DiagnosisReport(diagnosis: diagnosis, modelInputs: [ModelInput(model: diagnosis.analyzer, payload: sent)])
    }
}
