import AWSCore
import ChatOps
import CloudDoctorModels
import Foundation
import LogTriage
import NIOPosix

/// Reads a log group's window with `FilterLogEvents` (to the last `nextToken`, capped) and parses each
/// record the way `doctor diagnose` parses CloudWatch JSON (our JSON lines, plain text, split stack traces).
public struct CloudWatchLogSource: LogSource {
    public let logs: CloudWatchLogsClient
    public let maxEvents: Int

    public init(logs: CloudWatchLogsClient, maxEvents: Int = 50_000) {
        self.logs = logs
        self.maxEvents = maxEvents
    }

    /// Credentials resolve within 2 s (the chain caches them, so this is cheap after the first call).
    public func isReady() async -> Bool {
        guard let provider = logs.client.credentials else { return false }
        return (try? await withTimeout(.seconds(2)) { try await provider.credentials() }) != nil
    }

    public func events(logGroup: String, start: Date, end: Date) async throws -> (events: [LogEvent], statistics: IngestStatistics) {
        let result: CloudWatchLogsClient.FilterResult
        do {
            result = try await logs.filterLogEvents(.init(logGroups: [logGroup], start: start, end: end, maxEvents: maxEvents))
        } catch let error as AWSError where error.code == "ResourceNotFoundException" {
            throw DiagnosisFailure(code: "no_logs", message: "Log group `\(logGroup)` does not exist in CloudWatch.")
        } catch let error as AWSError {
            throw DiagnosisFailure(code: "cloudwatch_unavailable", message: "CloudWatch Logs could not be read (\(error.code)).")
        }
        let records = result.events
        // Parsing is CPU work: NIO's thread pool, not the threads that answer Slack.
        return try await NIOThreadPool.singleton.runIfActive {
            var ingestor = LogIngestor()
            var events: [LogEvent] = []
            events.reserveCapacity(records.count)
            for record in records {
                ingestor.feed(record: record.message, timestamp: record.timestamp, stream: record.source) { events.append($0) }
            }
            ingestor.finish { events.append($0) }
            return (events, ingestor.statistics)
        }
    }
}
