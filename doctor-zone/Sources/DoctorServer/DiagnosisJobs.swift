import ChatOps
import CloudDoctorModels
import Foundation
import Logging

/// The work behind each job: diagnose, render, deliver exactly once, remember the result.
struct DiagnosisJobs: Sendable {
    let config: DoctorConfig
    let diagnosis: any DiagnosisService
    let slack: any SlackAPI
    let renderer: DiagnosisRenderer
    let phrases: Phrases
    let store: ResultStore
    let alerts: AlertThreads
    let metrics: ServerMetrics
    let logger: Logger

    private var useBot: Bool { slack.hasBotToken }

    // MARK: slash commands

    /// Slack accepts posts to a `response_url` for 30 minutes (and 5 times); we stop a little earlier.
    static let responseURLLifetime: TimeInterval = 29 * 60

    func runCommand(jobId: String, request: DiagnosisRequest, command: SlashCommand, receivedAt: Date = Date()) async {
        let clock = ContinuousClock()
        let start = clock.now
        var log = logger
        log[metadataKey: "job.id"] = "\(jobId)"
        log.info("job started", metadata: ["kind": "\(request.kind.rawValue)", "log_group": "\(request.logGroup)"])
        var windowed = request
        windowed.windowEnd = windowed.windowEnd ?? Date()
        let report: DiagnosisReport
        do {
            report = try await diagnosis.diagnose(windowed)
        } catch let failure as DiagnosisFailure {
            log.notice("diagnosis not possible", metadata: ["error.code": "\(failure.code)"])
            await deliverNotice(failure.message + " (`\(jobId)`)", command: command, jobId: jobId, log: log)
            metrics.jobFinished(kind: request.kind.rawValue, outcome: "failed", duration: clock.now - start)
            return
        } catch {
            log.error("diagnosis failed", metadata: ["error.type": "\(String(reflecting: type(of: error)))"])
            await deliverNotice(phrases.jobFailed + " (`\(jobId)`)", command: command, jobId: jobId, log: log)
            metrics.jobFinished(kind: request.kind.rawValue, outcome: "failed", duration: clock.now - start)
            return
        }
        metrics.diagnosis(report.diagnosis)
        let message = renderer.render(report.diagnosis, kind: request.kind, resultId: jobId)
        var channel: String?
        var ts: String?
        // Stored before delivery: a click on the buttons can arrive as soon as the message does.
        store.put(StoredResult(jobId: jobId, request: windowed, report: report, channelId: nil, messageTs: nil))
        do {
            if useBot, !command.channelId.isEmpty {
                ts = try await slack.postMessage(channel: command.channelId, threadTs: nil, message: message, jobId: jobId)
                channel = command.channelId
                store.put(StoredResult(jobId: jobId, request: windowed, report: report, channelId: channel, messageTs: ts))
                for file in message.attachments {
                    try await slack.uploadFile(file, channel: command.channelId, threadTs: ts, jobId: jobId)
                }
            } else if Date().timeIntervalSince(receivedAt) < Self.responseURLLifetime {
                try await slack.respond(to: command.responseURL, message: message, inChannel: true, replaceOriginal: false, jobId: jobId)
            } else {
                // Past Slack's 30 minutes the post would be refused; without a bot token there is no other way in.
                throw SlackDeliveryError.responseURLExpired
            }
            log.info("job delivered", metadata: ["incident.id": "\(report.diagnosis.incident.id)"])
            metrics.jobFinished(kind: request.kind.rawValue, outcome: "delivered", duration: clock.now - start)
        } catch {
            metrics.deliveryFailures.increment()
            log.error("job delivery failed", metadata: ["error.code": "\((error as? SlackDeliveryError)?.code ?? "transport")"])
            metrics.jobFinished(kind: request.kind.rawValue, outcome: "undelivered", duration: clock.now - start)
        }
    }

    func abandonCommand(jobId: String, command: SlashCommand) async {
        var log = logger
        log[metadataKey: "job.id"] = "\(jobId)"
        log.notice("job dropped at shutdown")
        await deliverNotice(phrases.shuttingDown + " (`\(jobId)`)", command: command, jobId: jobId, log: log)
    }

    /// A short ephemeral notice to the person who asked.
    func deliverNotice(_ text: String, command: SlashCommand, jobId: String, log: Logger) async {
        do {
            try await slack.respond(to: command.responseURL, message: renderer.renderNotice(text), inChannel: false, replaceOriginal: false, jobId: jobId)
        } catch {
            metrics.deliveryFailures.increment()
            log.error("notice delivery failed", metadata: ["error.code": "\((error as? SlackDeliveryError)?.code ?? "transport")"])
        }
    }

    // MARK: buttons

    func runAction(jobId: String, action: InteractionAction) async {
        var log = logger
        log[metadataKey: "job.id"] = "\(jobId)"
        log[metadataKey: "action"] = "\(action.actionId.rawValue)"
        guard let result = store.get(action.resultId) else {
            await respond(renderer.renderNotice(phrases.language == .ko ? "이 결과는 더 이상 없습니다 (인스턴스가 재시작됨)." : "This result is no longer available (the instance restarted)."),
                          action: action, inChannel: false, jobId: jobId, log: log)
            return
        }
        let diagnosis = result.report.diagnosis
        switch action.actionId {
        case .showEvidence:
            await respondOrUpload(renderer.renderEvidence(diagnosis), action: action, result: result, jobId: jobId, log: log)
        case .showSent:
            await respondOrUpload(renderer.renderSent(result.report.modelInputs, incidentId: diagnosis.incident.id), action: action, result: result, jobId: jobId, log: log)
        case .markResolved:
            _ = store.markResolved(action.resultId, by: action.userId)
            await followUp(renderer.renderMarkedResolved(incidentId: diagnosis.incident.id, by: action.userId), action: action, result: result, jobId: jobId, log: log)
        case .checkAgain:
            var again = result.request
            again.windowEnd = Date()
            do {
                let fresh = try await self.diagnosis.diagnose(again)
                metrics.diagnosis(fresh.diagnosis)
                let still = fresh.diagnosis.incident.fingerprint == diagnosis.incident.fingerprint && fresh.diagnosis.incident.errorCount > 0
                log.info("recheck", metadata: ["incident.id": "\(diagnosis.incident.id)", "still_firing": "\(still)"])
                await followUp(renderer.renderRecheck(incidentId: diagnosis.incident.id, stillFiring: still, errorCount: fresh.diagnosis.incident.errorCount),
                               action: action, result: result, jobId: jobId, log: log)
            } catch {
                log.error("recheck failed", metadata: ["error.type": "\(String(reflecting: type(of: error)))"])
                await respond(renderer.renderNotice(phrases.jobFailed + " (`\(jobId)`)"), action: action, inChannel: false, jobId: jobId, log: log)
            }
        }
    }

    /// Into the message's thread with the bot token, else in the channel through the action's response_url.
    func followUp(_ message: SlackMessage, action: InteractionAction, result: StoredResult, jobId: String, log: Logger) async {
        if useBot, let channel = result.channelId ?? action.channelId, let ts = result.messageTs ?? action.messageTs {
            do {
                _ = try await slack.postMessage(channel: channel, threadTs: ts, message: message, jobId: jobId)
            } catch {
                metrics.deliveryFailures.increment()
                log.error("follow-up delivery failed", metadata: ["error.code": "\((error as? SlackDeliveryError)?.code ?? "transport")"])
            }
        } else {
            await respond(message, action: action, inChannel: true, jobId: jobId, log: log)
        }
    }

    /// Ephemeral to the clicker; files (long payloads) go to the thread when a bot token allows.
    func respondOrUpload(_ message: SlackMessage, action: InteractionAction, result: StoredResult, jobId: String, log: Logger) async {
        await respond(message, action: action, inChannel: false, jobId: jobId, log: log)
        guard useBot, !message.attachments.isEmpty, let channel = result.channelId ?? action.channelId else { return }
        for file in message.attachments {
            do {
                try await slack.uploadFile(file, channel: channel, threadTs: result.messageTs ?? action.messageTs, jobId: jobId)
            } catch {
                metrics.deliveryFailures.increment()
                log.error("file upload failed", metadata: ["error.code": "\((error as? SlackDeliveryError)?.code ?? "transport")"])
            }
        }
    }

    func respond(_ message: SlackMessage, action: InteractionAction, inChannel: Bool, jobId: String, log: Logger) async {
        do {
            try await slack.respond(to: action.responseURL, message: message, inChannel: inChannel, replaceOriginal: false, jobId: jobId)
        } catch {
            metrics.deliveryFailures.increment()
            log.error("interaction response failed", metadata: ["error.code": "\((error as? SlackDeliveryError)?.code ?? "transport")"])
        }
    }

    // MARK: alarms

    func runAlarm(jobId: String, alarm: AlarmNotification) async {
        let clock = ContinuousClock()
        let start = clock.now
        var log = logger
        log[metadataKey: "job.id"] = "\(jobId)"
        log[metadataKey: "alarm"] = "\(alarm.alarmName)"
        guard let channel = config.alertChannel, useBot else {
            log.error("alarm not posted: SLACK_ALERT_CHANNEL and SLACK_BOT_TOKEN are both needed")
            metrics.deliveryFailures.increment()
            return
        }
        guard let logGroup = alarm.logGroup ?? config.defaultLogGroup else {
            log.error("alarm not diagnosed: no log group in the alarm and no DOCTOR_LOG_GROUP")
            return
        }
        let window = alarm.window
        let request = DiagnosisRequest(kind: .terraform, logGroup: logGroup, since: window.since, windowEnd: window.end,
                                       description: "CloudWatch alarm \(alarm.alarmName): \(alarm.reason)")
        let report: DiagnosisReport
        do {
            report = try await diagnosis.diagnose(request)
        } catch {
            log.error("alarm diagnosis failed", metadata: ["error.type": "\(String(reflecting: type(of: error)))"])
            metrics.jobFinished(kind: "alarm", outcome: "failed", duration: clock.now - start)
            return
        }
        metrics.diagnosis(report.diagnosis)
        let fingerprint = report.diagnosis.incident.fingerprint
        var message = renderer.render(report.diagnosis, kind: .terraform, resultId: jobId)
        do {
            switch alerts.decide(fingerprint: fingerprint) {
            case .post:
                do {
                    store.put(StoredResult(jobId: jobId, request: request, report: report, channelId: channel, messageTs: nil))
                    let ts = try await slack.postMessage(channel: channel, threadTs: nil, message: message, jobId: jobId)
                    alerts.posted(fingerprint: fingerprint, ts: ts)
                    store.put(StoredResult(jobId: jobId, request: request, report: report, channelId: channel, messageTs: ts))
                    for file in message.attachments {
                        try await slack.uploadFile(file, channel: channel, threadTs: ts, jobId: jobId)
                    }
                } catch {
                    alerts.failed(fingerprint: fingerprint)
                    throw error
                }
            case .update(let ts, let occurrences):
                store.put(StoredResult(jobId: jobId, request: request, report: report, channelId: channel, messageTs: ts))
                let note = phrases.language == .ko ? "이 알람이 \(occurrences)번 발생했습니다 (마지막: \(RFC3339.string(from: alarm.stateChangeTime)))"
                                                   : "Fired \(occurrences) times (latest \(RFC3339.string(from: alarm.stateChangeTime)))"
                message.blocks.insert(["type": "context", "elements": [["type": "mrkdwn", "text": .string(note)]]], at: min(1, message.blocks.count))
                if message.blocks.count > SlackLimits.blocksPerMessage { message.blocks.remove(at: message.blocks.count - 3) }
                try await slack.update(channel: channel, ts: ts, message: message, jobId: jobId)
            case .skip:
                log.info("alarm repeat while the first post is in flight; counted")
            }
            metrics.jobFinished(kind: "alarm", outcome: "delivered", duration: clock.now - start)
        } catch {
            metrics.deliveryFailures.increment()
            log.error("alarm delivery failed", metadata: ["error.code": "\((error as? SlackDeliveryError)?.code ?? "transport")"])
            metrics.jobFinished(kind: "alarm", outcome: "undelivered", duration: clock.now - start)
        }
    }
}
