import ChatOps
import CloudDoctorModels
import Diagnosis
import Foundation
import LogTriage
import NIOPosix

/// The real diagnosis: events from a `LogSource`, triage on a thread pool (CPU work stays off the
/// threads that answer Slack), then `DiagnosisPipeline` (analyzer and prescriber with offline fallback).
public struct PipelineDiagnosisService: DiagnosisService {
    public let pipeline: DiagnosisPipeline
    public let source: any LogSource
    /// Terraform the prescription edits; loaded per diagnosis (nothing heavy at start).
    public let terraformDirectory: String?

    public init(pipeline: DiagnosisPipeline = DiagnosisPipeline(), source: any LogSource, terraformDirectory: String?) {
        self.pipeline = pipeline
        self.source = source
        self.terraformDirectory = terraformDirectory
    }

    public var modelsDescription: String {
        "analyzer \(pipeline.analyzer.name) (fallback \(pipeline.fallbackAnalyzer.name)), prescriber \(pipeline.prescriber.name) (fallback \(pipeline.fallbackPrescriber.name))"
    }

    public func diagnose(_ request: DiagnosisRequest) async throws -> DiagnosisReport {
        let end = request.windowEnd ?? Date()
        let start = end.addingTimeInterval(-request.since)
        let (events, statistics) = try await source.events(logGroup: request.logGroup, start: start, end: end)
        guard !events.isEmpty else {
            throw DiagnosisFailure(code: "no_events", message: "No log events in `\(request.logGroup)` for that window.")
        }
        let base = pipeline
        let directory = terraformDirectory
        let (pack, terraform) = try await NIOThreadPool.singleton.runIfActive {
            let terraform = directory.map { TerraformContext.load(directory: $0) } ?? base.terraform
            return (base.pack(events: events, source: request.logGroup, statistics: statistics), terraform)
        }
        var pipeline = base
        pipeline.terraform = terraform
        let result = await pipeline.diagnose(pack: pack)
        var diagnosis = result.diagnosis
        if !request.description.isEmpty {
            diagnosis.notes.append("operator's note: \(request.description)")
        }
        return DiagnosisReport(diagnosis: diagnosis, modelInputs: [ModelInput(model: diagnosis.analyzer, payload: AnalysisPrompt.text(for: pack))])
    }
}
