import ChatOps
@testable import DoctorServer
import Foundation
import NIOConcurrencyHelpers
import Testing

@Suite(.timeLimit(.minutes(1))) struct SlashCommandTests {
    struct SignatureCase: Sendable, CustomTestStringConvertible {
        let name: String
        let headers: @Sendable (_ body: String, _ now: Date) -> [(String, String)]
        let expectedCode: String
        var testDescription: String { name }
    }

    static func sign(_ body: String, _ time: Date, secret: String = testSecret) -> [(String, String)] {
        let timestamp = String(Int(time.timeIntervalSince1970))
        return [("X-Slack-Request-Timestamp", timestamp),
                ("X-Slack-Signature", SlackSignatureVerifier(signingSecret: secret).signature(body: Array(body.utf8), timestamp: timestamp))]
    }

    static let refusals: [SignatureCase] = [
        SignatureCase(name: "no headers", headers: { _, _ in [] }, expectedCode: "missing_timestamp"),
        SignatureCase(name: "no signature", headers: { _, now in [("X-Slack-Request-Timestamp", String(Int(now.timeIntervalSince1970)))] }, expectedCode: "missing_signature"),
        SignatureCase(name: "wrong secret", headers: { body, now in sign(body, now, secret: "other") }, expectedCode: "signature_mismatch"),
        SignatureCase(name: "stale: 6 minutes old", headers: { body, now in sign(body, now.addingTimeInterval(-360)) }, expectedCode: "stale_timestamp"),
        SignatureCase(name: "garbled signature", headers: { _, now in [("X-Slack-Request-Timestamp", String(Int(now.timeIntervalSince1970))), ("X-Slack-Signature", "v0=not-hex")] }, expectedCode: "malformed_signature"),
        SignatureCase(name: "garbled timestamp", headers: { body, _ in [("X-Slack-Request-Timestamp", "yesterday"), ("X-Slack-Signature", "v0=" + String(repeating: "0", count: 64))] }, expectedCode: "malformed_timestamp"),
    ]

    @Test(arguments: refusals) func unverifiedCommandsGet401AndNoWork(_ c: SignatureCase) async throws {
        let diagnosis = SlowDiagnosis(delay: .milliseconds(1))
        try await Harness.run(diagnosis: diagnosis) { h in
            let body = h.commandBody("/analyze-logs", "30m")
            let reply = try await h.post("/slack/commands", body: body, headers: c.headers(body, Date()))
            #expect(reply.status == 401)
            #expect(JSONValue.decode(Array(reply.body.utf8))?["error"]?["code"]?.stringValue == c.expectedCode)
            #expect(!reply.body.contains(testSecret))
            let metrics = try await h.get("/metrics")
            #expect(metrics.body.contains("code=\"\(c.expectedCode)\""))
        }
        #expect(diagnosis.started == 0)
    }

    @Test func oversizedBodyIsRefusedBeforeVerification() async throws {
        try await Harness.run { h in
            let reply = try await h.signedPost("/slack/commands", body: String(repeating: "a", count: 100_000))
            #expect(reply.status == 413)
        }
    }

    @Test func signedCommandIsAcknowledgedAndDeliveredOnceToResponseURL() async throws {
        let diagnosis = SlowDiagnosis(delay: .milliseconds(50))
        try await Harness.run(diagnosis: diagnosis) { h in
            let ack = try await h.command("/analyze-logs", "/ecs/other 30m")
            #expect(ack.hasPrefix("Analyzing…"))
            try await eventually { h.slack.responses().count == 1 }
            let delivered = try #require(h.slack.responses().first?.json)
            #expect(delivered["response_type"]?.stringValue == "in_channel")
            #expect(delivered["blocks"]?.arrayValue?.first?["type"]?.stringValue == "header")
            #expect(diagnosis.seen.first?.logGroup == "/ecs/other")
            #expect(diagnosis.seen.first?.since == 1_800)
        }
    }

    @Test func koreanConfigurationAcknowledgesInKorean() async throws {
        try await Harness.run(configure: { $0.language = .ko }) { h in
            let ack = try await h.command("/terraform", "/ecs/api 2h pool too small")
            #expect(ack.hasPrefix("분석 시작…"))
        }
    }

    @Test(arguments: ["--force", "/ecs/api 30min", String(repeating: "x", count: 3_000), "grp 5m \u{0000}"])
    func badArgumentsGetA200UsageMessage(_ text: String) async throws {
        let diagnosis = SlowDiagnosis(delay: .milliseconds(1))
        try await Harness.run(diagnosis: diagnosis) { h in
            let ack = try await h.command("/analyze-logs", text)
            #expect(ack.contains("/analyze-logs [log-group] [since]"))
        }
        #expect(diagnosis.started == 0)
    }

    @Test func helpAndStatusAnswerInline() async throws {
        try await Harness.run { h in
            #expect(try await h.command("/doctor", "help").contains("/terraform"))
            let status = try await h.command("/doctor", "status")
            #expect(status.contains("jobs: 0 running"))
            #expect(status.contains("/ecs/patient-api"))
        }
    }

    @Test func acknowledgementsComeBackWhileFiveSlowJobsRun() async throws {
        let diagnosis = SlowDiagnosis(delay: .seconds(3))
        try await Harness.run(diagnosis: diagnosis, configure: { $0.maxConcurrentJobs = 5; $0.queueCapacity = 50 }) { h in
            for index in 0..<5 { _ = try await h.command("/analyze-logs", "group-\(index) 30m") }
            try await eventually { diagnosis.started == 5 }
            // 30 more commands while all five run: every one is answered before any job finishes.
            let acks = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<30 { group.addTask { try await h.command("/analyze-logs", "more-\(index) 1h") } }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(acks.count == 30)
            #expect(acks.allSatisfy { $0.hasPrefix("Busy: queued as #") })
            #expect(diagnosis.finished == 0)
            #expect(h.slack.responses().isEmpty)
            let metrics = try await h.get("/metrics")
            #expect(metrics.body.contains("doctor_ack_seconds_count 35"))
            #expect(metrics.body.contains("doctor_queue_waiting 30"))
        }
    }

    @Test func slackRetriesAndIdenticalConcurrentRequestsProduceExactlyOneDelivery() async throws {
        let diagnosis = SlowDiagnosis(delay: .milliseconds(300))
        try await Harness.run(diagnosis: diagnosis) { h in
            let body = h.commandBody("/terraform", "/ecs/api 2h fix it", trigger: "trigger-42")
            let replies = try await withThrowingTaskGroup(of: String.self) { group in
                for attempt in 0..<4 {
                    group.addTask {
                        let retry: [(String, String)] = attempt == 0 ? [] : [("X-Slack-Retry-Num", "\(attempt)"), ("X-Slack-Retry-Reason", "http_timeout")]
                        let reply = try await h.signedPost("/slack/commands", body: body, extraHeaders: retry)
                        return JSONValue.decode(Array(reply.body.utf8))?["text"]?.stringValue ?? ""
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(replies.filter { $0.hasPrefix("Analyzing…") }.count == 1)
            #expect(replies.filter { $0.hasPrefix("Already working on this") }.count == 3)
            // Same command typed again by someone else in the channel while it runs: collapses too.
            let again = try await h.command("/terraform", "/ecs/api 2h fix it", trigger: "trigger-43")
            #expect(again.hasPrefix("Already working on this"))
            try await eventually { diagnosis.finished == 1 && h.slack.responses().count == 1 }
            // And a late retry after delivery is still not run again.
            let late = try await h.signedPost("/slack/commands", body: body, extraHeaders: [("X-Slack-Retry-Num", "3")])
            #expect(late.body.contains("Already working on this"))
            try await Task.sleep(for: .milliseconds(500))
            #expect(diagnosis.started == 1)
            #expect(h.slack.responses().count == 1)
        }
    }

    @Test func fullQueueSaysBusyWithPositionThenFull() async throws {
        let diagnosis = SlowDiagnosis(delay: .seconds(2))
        try await Harness.run(diagnosis: diagnosis, configure: { $0.maxConcurrentJobs = 1; $0.queueCapacity = 2 }) { h in
            var acks: [String] = []
            for index in 0..<4 { acks.append(try await h.command("/analyze-logs", "g\(index) 1h")) }
            #expect(acks[0].hasPrefix("Analyzing…"))
            #expect(acks[1].hasPrefix("Busy: queued as #1"))
            #expect(acks[2].hasPrefix("Busy: queued as #2"))
            #expect(acks[3].hasPrefix("Busy: the queue is full"))
        }
    }

    @Test func failedDeliveryIsRetriedWithBackoffAndArrivesOnce() async throws {
        let slack = FakeSlack(failFirstResponses: 2)
        try await Harness.run(slack: slack) { h in
            _ = try await h.command("/analyze-logs", "1h")
            try await eventually { h.slack.responses().count == 3 }
            try await Task.sleep(for: .milliseconds(300))
            #expect(h.slack.responses().count == 3)
            let metrics = try await h.get("/metrics")
            #expect(metrics.body.contains("doctor_slack_delivery_failures_total 0"))
        }
    }

    @Test func aResultLaterThanTheResponseURLLifetimeIsNotPostedThere() async throws {
        // A job that starts 31 minutes after its command (a long queue) must not post to the expired response_url.
        let diagnosis = SlowDiagnosis(delay: .milliseconds(1))
        try await Harness.run(diagnosis: diagnosis) { h in
            let command = SlashCommand(command: "/analyze-logs", text: "1h", userId: "U1", channelId: "C1",
                                       responseURL: h.hookBase + "late", triggerId: "late")
            let request = DiagnosisRequest(kind: .analyze, logGroup: "/ecs/patient-api", since: 3_600)
            await h.server.jobs.runCommand(jobId: "late-job", request: request, command: command, receivedAt: Date().addingTimeInterval(-31 * 60))
            #expect(diagnosis.finished == 1)
            #expect(h.slack.responses().isEmpty)
            let metrics = try await h.get("/metrics")
            #expect(metrics.body.contains("doctor_slack_delivery_failures_total 1"))
        }
    }

    @Test func withABotTokenResultsGoToTheChannelAndLongPatchesAreUploaded() async throws {
        let diagnosis = SlowDiagnosis(delay: .milliseconds(10), patchLines: 3_000)
        try await Harness.run(diagnosis: diagnosis, botToken: true) { h in
            _ = try await h.command("/terraform", "/ecs/api 1h", channel: "C-OPS")
            try await eventually { h.slack.received("/api/files.completeUploadExternal").count == 1 }
            let post = try #require(h.slack.received("/api/chat.postMessage").first?.json)
            #expect(post["channel"]?.stringValue == "C-OPS")
            #expect((post["blocks"]?.arrayValue?.count ?? 99) <= 50)
            let upload = try #require(h.slack.received.first { $0.path == "/upload/F1" })
            #expect(upload.body.split(separator: "\n").count == 3_000)
            let complete = try #require(h.slack.received("/api/files.completeUploadExternal").first?.json)
            #expect(complete["channel_id"]?.stringValue == "C-OPS")
            #expect(complete["thread_ts"]?.stringValue == "1800000000.000001")
            #expect(h.slack.responses().isEmpty)
        }
    }
}
