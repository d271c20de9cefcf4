import AsyncHTTPClient
import ChatOps
import CloudTestSupport
import DoctorServer
import Foundation
import Testing

@Suite(.timeLimit(.minutes(1))) struct LifecycleTests {
    @Test func healthReadyAndMetricsAnswer() async throws {
        try await Harness.run { h in
            let health = try await h.get("/healthz")
            #expect(health.status == 200)
            #expect(health.body == #"{"status":"ok"}"#)
            #expect(try await h.get("/readyz").status == 200)
            _ = try await h.command("/doctor", "help")
            let metrics = try await h.get("/metrics")
            #expect(metrics.body.contains("doctor_commands_total{command=\"doctor\"} 1"))
            #expect(metrics.body.contains("doctor_ack_seconds_bucket"))
        }
    }

    @Test func notReadyWithoutASigningSecretAndSlackIsRefused() async throws {
        try await Harness.run(configure: { $0.signingSecret = nil }) { h in
            let health = try await h.get("/healthz")
            let ready = try await h.get("/readyz")
            let command = try await h.signedPost("/slack/commands", body: h.commandBody("/doctor", "help"))
            #expect(health.status == 200)
            #expect(ready.status == 503)
            #expect(command.status == 503)
        }
    }

    @Test func notReadyWhenLogsCannotBeRead() async throws {
        let unconfigured = PipelineDiagnosisService(source: UnconfiguredLogSource(), terraformDirectory: nil)
        try await Harness.run(diagnosis: unconfigured) { h in
            let health = try await h.get("/healthz")
            let ready = try await h.get("/readyz")
            #expect(health.status == 200)
            #expect(ready.status == 503)
        }
        let files = PipelineDiagnosisService(source: FileLogSource(directory: "/tmp"), terraformDirectory: nil)
        try await Harness.run(diagnosis: files) { h in
            let ready = try await h.get("/readyz")
            #expect(ready.status == 200)
        }
    }

    @Test func gracefulShutdownFinishesRunningJobsAndDeliversThem() async throws {
        let gate = Gate()
        let diagnosis = SlowDiagnosis(delay: .milliseconds(1), gate: gate)
        let slack = FakeSlack()
        try await Harness.run(diagnosis: diagnosis, slack: slack, configure: { $0.maxConcurrentJobs = 2; $0.shutdownGrace = .seconds(5) }) { h in
            _ = try await h.command("/analyze-logs", "a 1h")
            _ = try await h.command("/analyze-logs", "b 1h")
            let queued = try await h.command("/analyze-logs", "c 1h")
            #expect(queued.hasPrefix("Busy: queued as #1"))
            try await eventually { diagnosis.started == 2 }
            // What SIGTERM does: the service group shuts down gracefully.
            await h.group.triggerGracefulShutdown()
            try await eventually { h.server.queue.isShuttingDown }
            gate.open()
            try await eventually { diagnosis.finished == 2 && slack.responses().count == 3 }
            let bodies = slack.responses().map(\.body)
            #expect(bodies.filter { $0.contains("Database pool exhausted") }.count == 2)
            #expect(bodies.filter { $0.contains("restarting") }.count == 1)
            #expect(diagnosis.started == 2)
        }
    }

    @Test func jobsOutlivingTheGracePeriodAreCancelled() async throws {
        let diagnosis = SlowDiagnosis(delay: .seconds(30))
        try await Harness.run(diagnosis: diagnosis, configure: { $0.shutdownGrace = .milliseconds(300) }) { h in
            _ = try await h.command("/analyze-logs", "a 1h")
            try await eventually { diagnosis.started == 1 }
            let start = ContinuousClock.now
            await h.group.triggerGracefulShutdown()
            try await eventually { h.server.queue.runningCount == 0 }
            #expect(ContinuousClock.now - start < .seconds(10))
            #expect(diagnosis.finished == 0)
        }
    }
}
