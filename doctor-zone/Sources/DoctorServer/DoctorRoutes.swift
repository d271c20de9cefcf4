import ChatOps
import Foundation
import Hummingbird
import Logging

extension DoctorServer {
    /// A header's value by (case-insensitive) name.
    static func header(_ request: Request, _ lowercasedName: String) -> String? {
        request.headers.first { $0.name.canonicalName == lowercasedName }?.value
    }

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in HTTPReplies.json(["status": "ok"]) }
        router.get("/readyz") { _, _ in
            let ready = isReady ? await dependencies.diagnosis.isReady() : false
            return ready ? HTTPReplies.json(["status": "ready"]) : HTTPReplies.json(["status": "unavailable"], status: .serviceUnavailable)
        }
        router.get("/metrics") { _, _ in
            HTTPReplies.text(metrics.emit(waiting: queue.waitingCount, running: queue.runningCount), contentType: "text/plain; version=0.0.4")
        }
        router.post("/slack/commands") { request, _ in
            let start = ContinuousClock.now
            let response = await slashCommand(request)
            metrics.ackLatency.record(ContinuousClock.now - start)
            return response
        }
        router.post("/slack/interactions") { request, _ in await interaction(request) }
        router.post("/alerts/sns") { request, _ in await snsNotification(request) }
    }

    /// Reads the body up to `limit` bytes; nil when it is larger.
    func body(of request: Request, limit: Int) async -> ByteBuffer? {
        var request = request
        return try? await request.collectBody(upTo: limit)
    }

    /// Verifies Slack's signature on the raw body. On failure returns the response to send.
    func verifySlack(_ request: Request, body: ByteBuffer, endpoint: String) -> Response? {
        guard let verifier else {
            dependencies.logger.error("slack request refused: SLACK_SIGNING_SECRET is not set", metadata: ["endpoint": "\(endpoint)"])
            metrics.refused(endpoint, code: "not_configured")
            return HTTPReplies.error(.serviceUnavailable, code: "not_configured", message: "Slack signing secret is not configured")
        }
        do throws(SlackVerificationError) {
            try verifier.verify(body: body.readableBytesView, timestamp: Self.header(request, "x-slack-request-timestamp"),
                                signature: Self.header(request, "x-slack-signature"))
            return nil
        } catch {
            dependencies.logger.warning("slack request refused", metadata: ["endpoint": "\(endpoint)", "error.code": "\(error.code)"])
            metrics.refused(endpoint, code: error.code)
            return HTTPReplies.error(.unauthorized, code: error.code, message: "request signature could not be verified")
        }
    }

    func slashCommand(_ request: Request) async -> Response {
        guard let body = await body(of: request, limit: config.maxBodyBytes) else {
            metrics.refused("commands", code: "body_too_large")
            return HTTPReplies.error(.contentTooLarge, code: "body_too_large", message: "request body is too large")
        }
        if let refusal = verifySlack(request, body: body, endpoint: "commands") { return refusal }
        guard let command = SlashCommand(form: FormDecoding.decode(body.readableBytesView)) else {
            return HTTPReplies.ephemeral(Phrases(config.language).problem("no command in the request"))
        }
        let ack = desk.handle(command, rawBody: body.readableBytesView, retryNumber: Self.header(request, "x-slack-retry-num"))
        return HTTPReplies.ephemeral(ack)
    }

    func interaction(_ request: Request) async -> Response {
        guard let body = await body(of: request, limit: config.maxBodyBytes) else {
            metrics.refused("interactions", code: "body_too_large")
            return HTTPReplies.error(.contentTooLarge, code: "body_too_large", message: "request body is too large")
        }
        if let refusal = verifySlack(request, body: body, endpoint: "interactions") { return refusal }
        let form = FormDecoding.decode(body.readableBytesView)
        guard let payload = form["payload"], let action = InteractionAction(payload: payload) else {
            // Not one of our buttons (or another interaction type): acknowledge and ignore.
            return Response(status: .ok)
        }
        let outcome = followUps.submit(
            key: "click:" + action.clickId,
            work: { jobId in await jobs.runAction(jobId: jobId, action: action) }
        )
        dependencies.logger.info("interaction", metadata: ["action": "\(action.actionId.rawValue)", "result": "\(action.resultId)", "outcome": "\(outcome)"])
        return Response(status: .ok)
    }

    func snsNotification(_ request: Request) async -> Response {
        guard let body = await body(of: request, limit: config.snsMaxBodyBytes) else {
            metrics.refused("sns", code: "body_too_large")
            return HTTPReplies.error(.contentTooLarge, code: "body_too_large", message: "request body is too large")
        }
        let logger = dependencies.logger
        let message: SNSMessage
        do throws(SNSError) {
            message = try SNSMessage(json: body.readableBytesView)
            try await snsVerifier.verify(message)
        } catch {
            logger.warning("sns message refused", metadata: ["error.code": "\(error.code)"])
            metrics.refused("sns", code: error.code)
            let status: HTTPResponse.Status = switch error {
            case .malformed: .badRequest
            case .certificateUnavailable: .serviceUnavailable
            default: .forbidden
            }
            return HTTPReplies.error(status, code: error.code, message: "SNS message refused")
        }
        switch message.kind {
        case .subscriptionConfirmation:
            guard let url = message.subscribeURL else { return HTTPReplies.error(.badRequest, code: "malformed_message", message: "no SubscribeURL") }
            do {
                try await dependencies.subscriptions.confirm(subscribeURL: url)
                logger.notice("sns subscription confirmed", metadata: ["topic": "\(message.topicArn)"])
                return HTTPReplies.json(["status": "confirmed"])
            } catch {
                logger.error("sns subscription confirmation failed", metadata: ["topic": "\(message.topicArn)"])
                return HTTPReplies.error(.badGateway, code: "confirmation_failed", message: "could not confirm the subscription")
            }
        case .unsubscribeConfirmation:
            logger.notice("sns unsubscribed", metadata: ["topic": "\(message.topicArn)"])
            return HTTPReplies.json(["status": "ok"])
        case .notification:
            guard let alarm = AlarmNotification(message: message.message) else {
                logger.info("sns notification ignored: not a CloudWatch alarm", metadata: ["message.id": "\(message.messageId)"])
                return HTTPReplies.json(["status": "ignored"])
            }
            guard alarm.isAlarm else {
                logger.info("alarm state change ignored", metadata: ["alarm": "\(alarm.alarmName)", "state": "\(alarm.newState)"])
                return HTTPReplies.json(["status": "ignored"])
            }
            let outcome = queue.submit(
                key: "sns:" + message.messageId, workKey: "alarm:" + alarm.alarmArn,
                work: { jobId in await jobs.runAlarm(jobId: jobId, alarm: alarm) }
            )
            logger.info("alarm received", metadata: ["alarm": "\(alarm.alarmName)", "outcome": "\(outcome)"])
            metrics.command("alarm")
            return HTTPReplies.json(["status": "accepted"])
        }
    }
}
