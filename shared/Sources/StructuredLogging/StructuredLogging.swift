import Foundation
import Logging

/// One-call setup of JSON-lines logging for an executable.
public enum StructuredLogging {
    /// Makes every `Logger` of the process write JSON lines through `JSONLogHandler`.
    ///
    /// The level comes from `LOG_LEVEL` (trace, debug, info, notice, warning/warn, error, critical;
    /// any case) when set, else `level`. An unrecognised `LOG_LEVEL` is reported in one warning line.
    /// swift-log allows one bootstrap per process: call this once, first thing in `main`.
    public static func bootstrap(
        service: String,
        level: Logger.Level = .info,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        sink: any LogSink = FileDescriptorSink.standardOutput,
        redactor: LogRedactor = .standard,
        metadataProvider: Logger.MetadataProvider? = nil
    ) {
        let resolved = logLevel(from: environment, default: level)
        LoggingSystem.bootstrap({ label, provider in
            JSONLogHandler(label: label, service: service, level: resolved.level, sink: sink,
                           redactor: redactor, metadataProvider: provider)
        }, metadataProvider: metadataProvider)
        if let rejected = resolved.rejected {
            Logger(label: "StructuredLogging").warning(
                "LOG_LEVEL not recognised; using the default",
                metadata: ["LOG_LEVEL": .string(String(rejected.prefix(32))), "level": .string(resolved.level.rawValue)]
            )
        }
    }

    /// The level `LOG_LEVEL` asks for; `rejected` holds its text when it names no level.
    public static func logLevel(
        from environment: [String: String],
        default fallback: Logger.Level
    ) -> (level: Logger.Level, rejected: String?) {
        guard let text = environment["LOG_LEVEL"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            return (fallback, nil)
        }
        let lowered = text.lowercased()
        if lowered == "warn" { return (.warning, nil) }
        if let level = Logger.Level(rawValue: lowered) { return (level, nil) }
        return (fallback, text)
    }
}
