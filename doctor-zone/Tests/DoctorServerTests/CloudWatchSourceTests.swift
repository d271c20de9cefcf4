import AWSCore
import ChatOps
import DoctorServer
import Foundation
import Testing

/// CloudWatch Logs against moto's server (`AWS_EMULATOR_URL`, started by scripts/test).
@Suite(.timeLimit(.minutes(1))) struct CloudWatchSourceTests {
    static func logs() throws -> CloudWatchLogsClient {
        guard let url = ProcessInfo.processInfo.environment["AWS_EMULATOR_URL"], !url.isEmpty else {
            Issue.record("AWS_EMULATOR_URL is not set: run the tests with scripts/test (it starts moto)")
            throw CancellationError()
        }
        return try CloudWatchLogsClient.standard(environment: [
            "AWS_ENDPOINT_URL": url, "AWS_REGION": "us-east-1", "HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_ACCESS_KEY_ID": "AKIDTESTING", "AWS_SECRET_ACCESS_KEY": "fake-test-secret",
        ])
    }

    @Test func slashCommandDiagnosesALogGroupReadFromCloudWatch() async throws {
        let logs = try Self.logs()
        let group = "/ecs/patient-api-\(UUID().uuidString.prefix(8))"
        try await logs.ensureLogGroup(group)
        try await logs.ensureLogStream(group: group, stream: "api/1")
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let events = (0..<120).map { index -> CloudWatchLogsShapes.InputLogEvent in
            let message = index % 4 == 0
                ? #"{"level":"info","message":"GET /healthz 200"}"#
                : #"{"level":"error","message":"timed out waiting for connection from pool (pool exhausted, 10 in use)"}"#
            return .init(timestamp: now - 300_000 + Int64(index) * 1_000, message: message)
        }
        _ = try await logs.putLogEvents(group: group, stream: "api/1", events: events)
        let service = PipelineDiagnosisService(source: CloudWatchLogSource(logs: logs), terraformDirectory: nil)
        try await Harness.run(diagnosis: service) { h in
            _ = try await h.command("/analyze-logs", "\(group) 30m")
            try await eventually { h.slack.responses().count == 1 }
            let body = try #require(h.slack.responses().first?.body)
            #expect(body.contains("pool"))
            #expect(body.contains("response_type\":\"in_channel"))
        }
    }

    @Test func readyWhenCredentialsResolve() async throws {
        let ready = await CloudWatchLogSource(logs: try Self.logs()).isReady()
        #expect(ready)
    }

    @Test func unknownLogGroupIsToldToTheOperator() async throws {
        let source = CloudWatchLogSource(logs: try Self.logs())
        await #expect(throws: DiagnosisFailure.self) {
            _ = try await source.events(logGroup: "/no/such/group-\(UUID().uuidString.prefix(6))", start: Date().addingTimeInterval(-600), end: Date())
        }
    }
}
