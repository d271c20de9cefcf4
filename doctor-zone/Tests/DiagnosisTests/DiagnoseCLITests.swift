import Foundation
import Testing

@Suite("doctor diagnose: exit codes and formats")
struct DiagnoseCLITests {
    static func example(_ name: String) -> String { Repo.examples.appendingPathComponent("\(name).log").path }

    @Test("0 when diagnosed, 3 when nothing is wrong, 2 for bad input")
    func exitCodes() throws {
        let doctor = try DoctorBinary.path()
        let infra = ["--terraform-dir", Repo.infra.path]
        #expect(try run(doctor, ["diagnose", Self.example("db-timeout")] + infra).0 == 0)
        #expect(try run(doctor, ["diagnose", Self.example("healthy")] + infra).0 == 3)
        let missing = try run(doctor, ["diagnose", "/nonexistent/file.log"])
        #expect(missing.0 == 2)
        #expect(missing.2.contains("/nonexistent/file.log"))
        #expect(try run(doctor, ["diagnose", "-"], stdin: Data()).0 == 2)
        let binary = (0..<20).flatMap { _ in (0..<64).map { _ in UInt8.random(in: 0x80...0xFF) } + [0x0A] }
        #expect(try run(doctor, ["diagnose", "-"], stdin: Data(binary)).0 == 2)
        #expect(try run(doctor, ["diagnose", Self.example("db-timeout"), "--budget-tokens", "10"]).0 == 2)
        #expect(try run(doctor, ["diagnose", Repo.examples.path]).0 == 2)
    }

    @Test("stdin works like a file; --format json is the Diagnosis contract")
    func stdinAndJSON() throws {
        let doctor = try DoctorBinary.path()
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.example("alb-503")))
        let (status, out, _) = try run(doctor, ["diagnose", "-", "--format", "json", "--terraform-dir", Repo.infra.path], stdin: data)
        #expect(status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        for key in ["incident", "summary", "rootCause", "severity", "evidence", "prescription", "analyzer", "prescriber"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        #expect(json["signature"] as? String == "alb-503")
        #expect(json["analyzer"] as? String == "offline")
        let evidence = try #require((json["evidence"] as? [[String: Any]])?.first)
        for key in ["template", "count", "firstSeen", "lastSeen", "sample"] { #expect(evidence[key] != nil, "evidence lacks \(key)") }
        let prescription = try #require(json["prescription"] as? [String: Any])
        #expect(prescription["explanation"] != nil && prescription["terraform"] != nil && prescription["files"] != nil)
    }

    @Test("--format slack is Block Kit with escaped placeholders; text has no colour when not a terminal")
    func slackAndText() throws {
        let doctor = try DoctorBinary.path()
        let (status, out, _) = try run(doctor, ["diagnose", Self.example("dependency-down"), "--format", "slack"])
        #expect(status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let blocks = try #require(json["blocks"] as? [[String: Any]])
        #expect(blocks.first?["type"] as? String == "header")
        #expect(blocks.count <= 50)
        #expect(!out.contains("<IP>") && out.contains("&lt;IP&gt;"))
        let text = try run(doctor, ["diagnose", Self.example("dependency-down")]).1
        #expect(text.contains("Root cause:") && !text.contains("\u{1B}["))
    }

    @Test("--show-prompt prints the redacted evidence and stays within the budget")
    func showPrompt() throws {
        let doctor = try DoctorBinary.path()
        let (status, out, _) = try run(doctor, ["diagnose", Self.example("ecs-oom-killed"), "--show-prompt", "--budget-tokens", "1500"])
        #expect(status == 0)
        #expect(out.contains("E1 ["))
        #expect((out.utf8.count + 3) / 4 <= 1500)
    }
}
