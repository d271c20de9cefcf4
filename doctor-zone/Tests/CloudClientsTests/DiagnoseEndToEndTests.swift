import AWSCore
import CloudTestSupport
import Foundation
import Logging
import StructuredLogging
import Testing

/// The "done when": `doctor diagnose --log-group /ecs/patient-api --since 1h --format json` against
/// moto (`AWS_EMULATOR_URL`, from scripts/test) holding events our own `CloudWatchLogSink` put there, with
/// loopback fakes for Vertex AI and Bedrock; the JSON names `vertex:…` and `bedrock:…`.
@Suite("doctor diagnose --log-group end to end")
struct DiagnoseEndToEndTests {
    static let group = "/ecs/patient-api"

    static func doctorBinary() throws -> URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("doctor"),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(".build/debug/doctor"),
        ]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw CloudClientTestError("the doctor executable is not built: run the tests with scripts/test (swift build --build-tests)")
        }
        return found
    }

    /// Puts incident logs into moto through StructuredLogging → CloudWatchLogSink → PutLogEvents.
    static func seedLogs(emulator: String) async throws {
        let logs = try CloudWatchLogsClient.standard(environment: [
            "AWS_ENDPOINT_URL": emulator, "AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "AKIDTESTING",
            "AWS_SECRET_ACCESS_KEY": "fake-test-secret", "HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true",
        ])
        let sink = CloudWatchLogSink(logs: logs, group: group, stream: "patient-api/e2e-\(UUID().uuidString.prefix(8))")
        let logger = Logger(label: "PatientAPI.Users") { label in JSONLogHandler(label: label, service: "patient-api", sink: sink) }
        for i in 0..<80 {
            logger.info("request served", metadata: ["path": "/api/users/me", "status": "200", "ms": "\(10 + i % 9)"])
        }
        for i in 0..<40 {
            logger.error("database query failed: connection timeout after 5000ms", metadata: [
                "db.host": "patient-db.internal", "attempt": "\(i)", "error": "MySQL error 2013: Lost connection to MySQL server during query",
            ])
        }
        let report = await sink.flush()
        #expect(report.delivered == 120)
    }

    @Test("diagnose reads moto, asks both fakes, and prints JSON naming vertex:… and bedrock:…")
    func endToEnd() async throws {
        let emulator = try ToolLocatorForClients.emulatorURL()
        let doctor = try Self.doctorBinary()
        try await Self.seedLogs(emulator: emulator)
        let terraformDir = FileManager.default.temporaryDirectory.appendingPathComponent("tf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: terraformDir, withIntermediateDirectories: true)
        try DiagnosisWiringTests.terraform.files[0].text.write(to: terraformDir.appendingPathComponent("rds.tf"), atomically: true, encoding: .utf8)

        try await LoopbackServer.run(handler: DiagnosisWiringTests.handler()) { base, log in
            var environment = DiagnosisWiringTests.environment(base)
            environment["AWS_ENDPOINT_URL"] = emulator  // CloudWatch Logs → moto; Bedrock has its own override → the fake
            environment["AWS_REGION"] = "us-east-1"
            environment["PATH"] = ProcessInfo.processInfo.environment["PATH"]
            let result = try await Subprocess.run(doctor, ["diagnose", "--log-group", Self.group, "--since", "1h", "--format", "json",
                                                         "--terraform-dir", terraformDir.path], environment: environment)
            #expect(result.status == 0, "stderr: \(result.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
                                    "stdout: \(result.stdout.prefix(500)) stderr: \(result.stderr.prefix(500))")
            #expect(json["analyzer"] as? String == "vertex:gemini-2.0-flash")
            #expect(json["prescriber"] as? String == "bedrock:us.anthropic.claude-sonnet-4-20250514-v1:0")
            #expect((json["usage"] as? [[String: Any]])?.count == 2)
            #expect((json["incident"] as? [String: Any])?["source"] as? String == Self.group)
            let evidence = try #require(json["evidence"] as? [[String: Any]])
            #expect(evidence.contains { ($0["template"] as? String)?.contains("connection timeout") == true })
            let vertexCall = try #require(await log.requests.first { $0.path.hasSuffix(":generateContent") })
            #expect(vertexCall.bodyText.contains("connection timeout"))
        }
    }
}

struct CloudClientTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

enum ToolLocatorForClients {
    static func emulatorURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["AWS_EMULATOR_URL"], !url.isEmpty else {
            throw CloudClientTestError("AWS_EMULATOR_URL is not set: run the tests with scripts/test (it starts moto)")
        }
        return url
    }
}

/// Runs a program to its end without blocking a thread of the cooperative pool; output goes through files.
enum Subprocess {
    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ program: URL, _ arguments: [String], environment: [String: String]) async throws -> Result {
        let directory = FileManager.default.temporaryDirectory
        let outURL = directory.appendingPathComponent("out-\(UUID().uuidString)"), errURL = directory.appendingPathComponent("err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        try out.close()
        try err.close()
        return Result(status: status, stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }
}
