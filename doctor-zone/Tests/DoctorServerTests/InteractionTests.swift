import ChatOps
import DoctorServer
import Foundation
import Testing

@Suite(.timeLimit(.minutes(1))) struct InteractionTests {
    /// A `block_actions` payload as Slack posts it (form field `payload`, JSON).
    static func clickBody(_ h: Harness, action: String, value: String, messageTs: String = "1800000000.000001", trigger: String = UUID().uuidString) -> String {
        let payload: JSONValue = [
            "type": "block_actions", "trigger_id": .string(trigger), "api_app_id": "A1",
            "user": ["id": "U-CLICKER", "username": "oncall", "team_id": "T1"],
            "container": ["type": "message", "message_ts": .string(messageTs), "channel_id": "C-OPS", "is_ephemeral": false],
            "channel": ["id": "C-OPS", "name": "ops"], "message": ["type": "message", "ts": .string(messageTs), "text": "diagnosis"],
            "response_url": .string(h.hookBase + "action-" + trigger),
            "actions": [["action_id": .string(action), "block_id": "diagnosis_actions", "value": .string(value), "type": "button", "action_ts": "1800000001.000200"]],
        ]
        return FormDecoding.encode([("payload", String(decoding: payload.encoded(), as: UTF8.self))])
    }

    /// Runs one command with a bot token and returns the result id from its buttons.
    static func diagnosed(_ h: Harness) async throws -> String {
        _ = try await h.command("/terraform", "/ecs/api 1h", channel: "C-OPS")
        try await eventually { h.slack.received("/api/chat.postMessage").count == 1 }
        let blocks = try #require(h.slack.received("/api/chat.postMessage").first?.json?["blocks"]?.arrayValue)
        let actions = try #require(blocks.first { $0["type"]?.stringValue == "actions" })
        return try #require(actions["elements"]?.arrayValue?.first?["value"]?.stringValue)
    }

    @Test func unsignedClickIsRefused() async throws {
        try await Harness.run(botToken: true) { h in
            let reply = try await h.post("/slack/interactions", body: Self.clickBody(h, action: "show_evidence", value: "x"))
            #expect(reply.status == 401)
        }
    }

    @Test func showFullEvidenceAnswersEphemerallyToTheClicker() async throws {
        try await Harness.run(botToken: true) { h in
            let id = try await Self.diagnosed(h)
            let reply = try await h.signedPost("/slack/interactions", body: Self.clickBody(h, action: "show_evidence", value: id))
            #expect(reply.status == 200)
            try await eventually { h.slack.responses().count == 1 }
            let answer = try #require(h.slack.responses().first?.json)
            #expect(answer["response_type"]?.stringValue == "ephemeral")
            #expect(answer["replace_original"]?.boolValue == false)
            #expect(String(decoding: answer.encoded(), as: UTF8.self).contains("pool exhausted waiting &lt;*&gt; ms"))
        }
    }

    @Test func showWhatWasSentShowsTheModelPayload() async throws {
        try await Harness.run(botToken: true) { h in
            let id = try await Self.diagnosed(h)
            _ = try await h.signedPost("/slack/interactions", body: Self.clickBody(h, action: "show_sent", value: id))
            try await eventually { h.slack.responses().count == 1 }
            #expect(h.slack.responses().first?.body.contains("redacted logs") == true)
        }
    }

    @Test func markResolvedAndCheckAgainPostInTheThread() async throws {
        try await Harness.run(botToken: true) { h in
            let id = try await Self.diagnosed(h)
            _ = try await h.signedPost("/slack/interactions", body: Self.clickBody(h, action: "check_again", value: id))
            try await eventually { h.slack.received("/api/chat.postMessage").count == 2 }
            _ = try await h.signedPost("/slack/interactions", body: Self.clickBody(h, action: "mark_resolved", value: id))
            try await eventually { h.slack.received("/api/chat.postMessage").count == 3 }
            let posts = h.slack.received("/api/chat.postMessage").compactMap(\.json)
            #expect(posts[1]["thread_ts"]?.stringValue == "1800000000.000001")
            #expect(posts[1]["text"]?.stringValue?.contains("Still firing") == true)
            #expect(posts[2]["thread_ts"]?.stringValue == "1800000000.000001")
            #expect(posts[2]["text"]?.stringValue?.contains("marked resolved by <@U-CLICKER>") == true)
            let status = try await h.command("/doctor", "status")
            #expect(status.contains("resolved by <@U-CLICKER>"))
        }
    }

    @Test func clickOnAForgottenResultSaysSoInsteadOfFailing() async throws {
        try await Harness.run(botToken: true) { h in
            let reply = try await h.signedPost("/slack/interactions", body: Self.clickBody(h, action: "show_evidence", value: "no-such-job"))
            #expect(reply.status == 200)
            try await eventually { h.slack.responses().count == 1 }
            #expect(h.slack.responses().first?.body.contains("no longer available") == true)
        }
    }

    @Test func aRetriedClickIsHandledOnce() async throws {
        try await Harness.run(botToken: true) { h in
            let id = try await Self.diagnosed(h)
            let body = Self.clickBody(h, action: "mark_resolved", value: id, trigger: "click-1")
            _ = try await h.signedPost("/slack/interactions", body: body)
            _ = try await h.signedPost("/slack/interactions", body: body, extraHeaders: [("X-Slack-Retry-Num", "1")])
            try await eventually { h.slack.received("/api/chat.postMessage").count == 2 }
            try await Task.sleep(for: .milliseconds(300))
            #expect(h.slack.received("/api/chat.postMessage").count == 2)
        }
    }
}
