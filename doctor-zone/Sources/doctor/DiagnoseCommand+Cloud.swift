import AWSCore
import ChatOps
import CloudClients
import CloudDoctorModels
import Diagnosis
import DoctorServer
import Foundation
import LogTriage

/// The cloud side of `doctor diagnose` (cloud-clients issue): `--log-group NAME --since 30m` reads
/// CloudWatch Logs (`FilterLogEvents` to the last page, standard credential chain and endpoints), and
/// the diagnosis goes through `CloudDiagnosisService` (Vertex/Bedrock per `DOCTOR_ANALYZER`/`DOCTOR_PRESCRIBER`,
/// offline when nothing is configured or anything fails, with notes saying so).
extension DiagnoseCommand {
    /// Events of `group` for the last `since` (e.g. `30m`), triaged into a pack.
    func cloudWatchPack(group: String, since: String, triage: TriageConfiguration) async -> (EvidencePack, IngestStatistics) {
        guard let seconds = CommandParser.duration(since), seconds > 0, seconds <= 14 * 86_400 else {
            Self.fail("--since must look like 45s, 30m, 2h or 1d (at most 14d)")
        }
        let logs: CloudWatchLogsClient
        do {
            logs = try CloudWatchLogsClient.standard()
        } catch {
            Self.fail("CloudWatch Logs is not configured: \(error)")
        }
        let end = Date()
        do {
            let (events, statistics) = try await CloudWatchLogSource(logs: logs).events(logGroup: group, start: end.addingTimeInterval(-seconds), end: end)
            return (DiagnosisPipeline(triage: triage).pack(events: events, source: group, statistics: statistics), statistics)
        } catch let failure as DiagnosisFailure {
            Self.fail(failure.message)
        } catch {
            Self.fail("CloudWatch Logs could not be read: \(error)")
        }
    }

    /// The diagnosis with whatever models the environment configures.
    func diagnoseWithModels(pack: EvidencePack, triage: TriageConfiguration, terraform: TerraformContext) async -> (Diagnosis, Bool) {
        let outcome = await CloudDiagnosisService.fromEnvironment().diagnose(pack: pack, triage: triage, terraform: terraform)
        return (outcome.diagnosis, outcome.foundIncident)
    }
}
