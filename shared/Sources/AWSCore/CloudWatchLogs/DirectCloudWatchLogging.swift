import Foundation
import Logging
import StructuredLogging

/// A `LogSink` that writes every line to each of its sinks, in order.
public struct TeeLogSink: LogSink {
    public let sinks: [any LogSink]
    public init(_ sinks: [any LogSink]) { self.sinks = sinks }
    public func write(line: [UInt8]) {
        for sink in sinks { sink.write(line: line) }
    }
}

/// The optional direct CloudWatch sink of an executable: when `CLOUDWATCH_LOG_GROUP` is set, log lines go
/// to stdout as always and also, batched, to that group (stream `<service>/<host>-<pid>`), with the
/// standard credential chain and endpoints. The caller runs `cloudWatch.run()` for the life of the process.
public enum DirectCloudWatchLogging {
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment,
                                       service: String) -> (sink: any LogSink, cloudWatch: CloudWatchLogSink)? {
        guard let group = environment["CLOUDWATCH_LOG_GROUP"]?.trimmingCharacters(in: .whitespaces), !group.isEmpty,
              group.count <= 512 else { return nil }
        // The AWS plumbing logs nothing through the sink it feeds (no loop): its own logger writes to stderr only.
        let quiet = Logger(label: "aws.cloudwatch-sink") { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        guard let logs = try? CloudWatchLogsClient.standard(environment: environment, logger: quiet) else { return nil }
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "host"
        let stream = "\(service)/\(host)-\(ProcessInfo.processInfo.processIdentifier)"
        let cloudWatch = CloudWatchLogSink(logs: logs, group: group, stream: stream)
        return (TeeLogSink([FileDescriptorSink.standardOutput, cloudWatch]), cloudWatch)
    }
}
