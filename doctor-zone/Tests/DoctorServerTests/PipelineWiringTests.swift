import ChatOps
import CloudClients
import DoctorServer
import Foundation
import Testing

@Suite(.timeLimit(.minutes(1))) struct PipelineWiringTests {
    /// Writes `<dir>/ecs_patient-api.log` with JSON lines of a pool-exhaustion incident in the last minutes.
    static func logDirectory() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chatops-logs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let now = Date()
        var lines: [String] = []
        for index in 0..<200 {
            let time = RFC3339String(now.addingTimeInterval(Double(-600 + index * 2)))
            if index % 3 == 0 {
                lines.append(#"{"timestamp":"\#(time)","level":"info","label":"patient-api","message":"GET /api/users/me 200 in 12 ms"}"#)
            } else {
                lines.append(#"{"timestamp":"\#(time)","level":"error","label":"patient-api","message":"timed out waiting for connection from pool after 5000 ms (pool exhausted, 10 in use)"}"#)
            }
        }
        try lines.joined(separator: "\n").write(toFile: directory + "/ecs_patient-api.log", atomically: true, encoding: .utf8)
        return directory
    }

    static func RFC3339String(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true))
    }

    @Test func terraformCommandRunsTheRealPipelineOnLogFiles() async throws {
        let directory = try Self.logDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let service = PipelineDiagnosisService(source: FileLogSource(directory: directory), terraformDirectory: nil)
        try await Harness.run(diagnosis: service) { h in
            let ack = try await h.command("/terraform", "/ecs/patient-api 30m")
            #expect(ack.hasPrefix("Analyzing…"))
            try await eventually { h.slack.responses().count == 1 }
            let body = try #require(h.slack.responses().first?.body)
            #expect(body.contains("pool"))
            #expect(body.contains("analyzer: offline"))
        }
    }

    @Test func cloudServiceWiringAnswersAndStatusNamesTheModels() async throws {
        let directory = try Self.logDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let selection = ModelSelection(vertex: nil, bedrock: nil, analyzer: .offline, prescriber: .offline, secondOpinion: false)
        let service = PipelineDiagnosisService.cloud(CloudDiagnosisService(selection: selection, cache: FingerprintCache(ttl: 0)),
                                                     source: FileLogSource(directory: directory), terraformDirectory: nil)
        try await Harness.run(diagnosis: service) { h in
            let status = try await h.command("/doctor", "status")
            #expect(status.contains("analyzer offline, prescriber offline"))
            _ = try await h.command("/terraform", "/ecs/patient-api 30m")
            try await eventually { h.slack.responses().count == 1 }
            #expect(h.slack.responses().first?.body.contains("pool") == true)
        }
    }

    @Test func missingLogsAreReportedToTheOperatorNotAsACrash() async throws {
        let directory = try Self.logDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let service = PipelineDiagnosisService(source: FileLogSource(directory: directory), terraformDirectory: nil)
        try await Harness.run(diagnosis: service) { h in
            _ = try await h.command("/analyze-logs", "/ecs/unknown-service 30m")
            try await eventually { h.slack.responses().count == 1 }
            let answer = try #require(h.slack.responses().first?.json)
            #expect(answer["response_type"]?.stringValue == "ephemeral")
            #expect(answer["text"]?.stringValue?.contains("No logs found for log group `/ecs/unknown-service`") == true)
        }
    }

    @Test(arguments: ["../etc/passwd", "/ecs/../../secret", ""])
    func logGroupsCannotEscapeTheDirectory(_ group: String) {
        #expect(FileLogSource(directory: "/tmp/logs").path(for: group) == nil)
    }

    @Test func logGroupMapsToOneFileInTheDirectory() {
        #expect(FileLogSource(directory: "/tmp/logs").path(for: "/ecs/patient-api") == "/tmp/logs/ecs_patient-api.log")
    }
}
