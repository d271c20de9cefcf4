import ChatOps
import CloudDoctorModels
import Foundation
import LogTriage

/// Where a diagnosis reads a log group's events for a window (files now; CloudWatch when its client is wired).
public protocol LogSource: Sendable {
    func events(logGroup: String, start: Date, end: Date) async throws -> (events: [LogEvent], statistics: IngestStatistics)
}

/// Reads `<directory>/<log group with "/" as "_", no leading "/">.log` (e.g. `/ecs/patient-api` →
/// `ecs_patient-api.log`) — for local runs and the demo. Names with `..` are refused.
public struct FileLogSource: LogSource {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public func path(for logGroup: String) -> String? {
        guard !logGroup.contains(".."), !logGroup.isEmpty else { return nil }
        var name = logGroup
        while name.hasPrefix("/") { name.removeFirst() }
        guard !name.isEmpty else { return nil }
        return (directory as NSString).appendingPathComponent(name.replacingOccurrences(of: "/", with: "_") + ".log")
    }

    public func events(logGroup: String, start: Date, end: Date) async throws -> (events: [LogEvent], statistics: IngestStatistics) {
        guard let path = path(for: logGroup), FileManager.default.isReadableFile(atPath: path) else {
            throw DiagnosisFailure(code: "no_logs", message: "No logs found for log group `\(logGroup)`.")
        }
        var ingestor = LogIngestor()
        var events: [LogEvent] = []
        do {
            try ingestor.read(.file(path)) { event in
                if let time = event.timestamp, time < start || time > end { return }
                events.append(event)
            }
        } catch {
            throw DiagnosisFailure(code: "unreadable_logs", message: "The logs of `\(logGroup)` could not be read.")
        }
        return (events, ingestor.statistics)
    }
}
