import ChatOps
import CloudDoctorModels
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import LogTriage
import NIOConcurrencyHelpers
import NIOPosix

/// Where a diagnosis reads a log group's events for a window (files now; CloudWatch when its client is wired).
public protocol LogSource: Sendable {
    func events(logGroup: String, start: Date, end: Date) async throws -> (events: [LogEvent], statistics: IngestStatistics)
    /// For `/readyz`: configured, and its credentials (if any) resolve.
    func isReady() async -> Bool
}

extension LogSource {
    public func isReady() async -> Bool { true }
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
        // Blocking reads and parsing run on NIO's thread pool, never on the threads that answer Slack;
        // a cancelled job (shutdown grace over) stops reading at the next few thousand lines.
        let cancelled = CancellationFlag()
        let read = try await withTaskCancellationHandler {
            try await NIOThreadPool.singleton.runIfActive { () -> Result<([LogEvent], IngestStatistics), DiagnosisFailure> in
                let fd = open(path, O_RDONLY)
                guard fd >= 0 else { return .failure(DiagnosisFailure(code: "unreadable_logs", message: "The logs of `\(logGroup)` could not be read.")) }
                defer { close(fd) }
                var ingestor = LogIngestor()
                var events: [LogEvent] = []
                var lines = 0
                let keep: (LogEvent) -> Void = { event in
                    if let time = event.timestamp, time < start || time > end { return }
                    events.append(event)
                }
                do {
                    try LineReader().forEachLine(fileDescriptor: fd) { line in
                        lines += 1
                        if lines & 4095 == 0, cancelled.isSet { throw CancellationError() }
                        ingestor.feed(line: line, source: nil, emit: keep)
                    }
                } catch is CancellationError {
                    return .failure(DiagnosisFailure(code: "cancelled", message: "The diagnosis was stopped (the service is restarting)."))
                } catch {
                    return .failure(DiagnosisFailure(code: "unreadable_logs", message: "The logs of `\(logGroup)` could not be read."))
                }
                ingestor.finish(emit: keep)
                return .success((events, ingestor.statistics))
            }
        } onCancel: {
            cancelled.set()
        }
        let (events, statistics) = try read.get()
        return (events, statistics)
    }
}

/// Set once when a task is cancelled; read from work running outside Swift concurrency.
final class CancellationFlag: Sendable {
    private let box = NIOLockedValueBox(false)
    var isSet: Bool { box.withLockedValue { $0 } }
    func set() { box.withLockedValue { $0 = true } }
}
