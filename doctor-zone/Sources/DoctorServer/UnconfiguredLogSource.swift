import CloudDoctorModels
import ChatOps
import Foundation
import LogTriage

/// Used when no log source is configured: every diagnosis says how to configure one.
public struct UnconfiguredLogSource: LogSource {
    public init() {}

    public func isReady() async -> Bool { false }

    public func events(logGroup: String, start: Date, end: Date) async throws -> (events: [LogEvent], statistics: IngestStatistics) {
        throw DiagnosisFailure(code: "no_log_source", message: "No log source is configured: set DOCTOR_LOG_DIR (files named after the log group) or AWS_REGION and credentials for CloudWatch Logs.")
    }
}
