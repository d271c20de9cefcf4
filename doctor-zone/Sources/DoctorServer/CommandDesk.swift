import ChatOps
import Crypto
import Foundation
import Logging

/// Turns a verified slash command into its acknowledgement text, queuing the work. Never blocks on the work.
struct CommandDesk: Sendable {
    let config: DoctorConfig
    let parser: CommandParser
    let phrases: Phrases
    let queue: JobQueue
    let jobs: DiagnosisJobs
    let store: ResultStore
    let metrics: ServerMetrics
    let diagnosis: any DiagnosisService
    let logger: Logger

    /// Returns the ephemeral acknowledgement text.
    func handle(_ command: SlashCommand, rawBody: some DataProtocol, retryNumber: String?) -> String {
        metrics.command(command.command)
        switch parser.parse(command: command.command, text: command.text) {
        case .help:
            return phrases.usage
        case .status:
            return status()
        case .usage(let detail):
            logger.info("command refused", metadata: ["command": "\(command.command)", "reason": "\(detail)"])
            return phrases.problem(detail)
        case .diagnose(let request):
            let key = command.triggerId.isEmpty ? "body:" + SHA256.hash(data: Array(rawBody)).hex : "trigger:" + command.triggerId
            let workKey = "\(request.kind.rawValue)|\(request.logGroup)|\(Int(request.since))|\(request.description)|\(command.channelId)"
            let outcome = queue.submit(
                key: key, workKey: workKey,
                work: { [receivedAt = Date()] jobId in
                    await jobs.runCommand(jobId: jobId, request: request, command: command, receivedAt: receivedAt)
                },
                abandon: { jobId in await jobs.abandonCommand(jobId: jobId, command: command) }
            )
            var metadata: Logger.Metadata = ["command": "\(command.command)", "log_group": "\(request.logGroup)", "user": "\(command.userId)"]
            if let retryNumber { metadata["slack.retry_num"] = "\(retryNumber)" }
            switch outcome {
            case .accepted(let jobId, let position):
                metadata["job.id"] = "\(jobId)"
                metadata["queue.position"] = "\(position)"
                logger.info("job accepted", metadata: metadata)
                metrics.submitted(position == 0 ? "started" : "queued")
                return position == 0 ? phrases.analyzing(jobId: jobId) : phrases.queued(jobId: jobId, position: position)
            case .duplicate(let jobId):
                metadata["job.id"] = "\(jobId)"
                logger.info("duplicate collapsed", metadata: metadata)
                metrics.submitted("duplicate")
                return phrases.duplicate(jobId: jobId)
            case .full:
                logger.warning("queue full", metadata: metadata)
                metrics.submitted("full")
                return phrases.full
            case .shuttingDown:
                metrics.submitted("shutting_down")
                return phrases.shuttingDown
            }
        }
    }

    func status() -> String {
        let recent = store.recent(5)
        var lines = [
            "*Cloud Doctor status*",
            "• models: \(diagnosis.modelsDescription)",
            "• jobs: \(queue.runningCount) running, \(queue.waitingCount) waiting (at most \(config.maxConcurrentJobs) at once, \(config.queueCapacity) waiting)",
            "• delivery: \(config.botToken == nil ? "response_url" : "chat.postMessage (bot token)")",
            "• default log group: \(config.defaultLogGroup ?? "none")",
        ]
        if recent.isEmpty {
            lines.append("• no incidents diagnosed since this instance started")
        } else {
            lines.append("*Recent incidents*")
            for result in recent {
                let d = result.report.diagnosis
                let resolved = result.resolvedBy.map { " — resolved by <@\($0)>" } ?? ""
                lines.append("• `\(d.incident.id)` [\(d.severity.rawValue)] \(DiagnosisRenderer.escape(TextChunker.clip(d.summary, limit: 120)))\(resolved)")
            }
        }
        return lines.joined(separator: "\n")
    }
}

extension Digest {
    var hex: String { map { String(format: "%02x", $0) }.joined() }
}
