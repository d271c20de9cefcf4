import CloudDoctorModels
import Diagnosis
import Foundation
import LogTriage
import Testing

/// Plants secrets in every supported input format and proves none survives into any output:
/// the text report, JSON, Slack, HTML, and the prompt a model would see — in-process and through the CLI.
@Suite("No secret leaves the process")
struct SecretLeakTests {
    static let secrets = [
        "maria.garcia@patients.example.org", "AKIAZXCVBNMASDFGHJKL", "q8Rt2Vx9Lm4Np7Kd3Hs6Jf1Gw5Zb0Yc8Ue2Ta4Pi",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYXJpYSJ9.Qm9ndXNTaWduYXR1cmVGb3JUZXN0c09ubHkx", "3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c",
        "Sup3rS3cretDbPw", "correct-horse-42", "198.51.100.77", "2001:db8:ffff::42", "4012888888881881",
        "Zk3p9QmW7rT2vY8uB4nL6cD1xA5",
    ]

    static func plantedLog() -> String {
        let s = secrets
        var lines: [String] = []
        for minute in 0..<12 {
            let t = String(format: "2026-11-27T17:%02d:10.000Z", minute)
            lines.append(#"{"timestamp":"\#(t)","level":"info","message":"request completed","http.status":"200","client.ip":"10.0.0.\#(minute + 2)"}"#)
        }
        for k in 0..<4 {
            let t = String(format: "2026-11-27T17:%02d:%02d.000Z", 12 + k, 15 + k)
            lines += [
                #"{"timestamp":"\#(t)","level":"error","message":"login failed for \#(s[0]) from \#(s[7])","error.code":"db_timeout","error.message":"key \#(s[1]) rejected","password":"\#(s[6])"}"#,
                "2026-11-27 17:1\(2 + k):20,000 - app.db - ERROR - cannot connect to mysql://app:\(s[5])@db.internal:3306/patient password=\(s[6])",
                "Traceback (most recent call last):",
                "  File \"/app/pay.py\", line 9, in charge",
                "ValueError: card \(s[9]) declined for \(s[0]) with Authorization: Bearer \(s[4])",
                #"level=error time=2026-11-27T17:1\#(2 + k):30Z msg="upload failed" aws_secret_access_key=\#(s[2]) token=\#(s[3])"#,
                "Nov 27 17:1\(2 + k):40 ip-10-0-1-5 sshd[42]: Failed password for invalid user from \(s[8]) port 22 apikey \(s[10])",
                "https 2026-11-27T17:1\(2 + k):50.000000Z app/web/50dc \(s[7]):5555 - -1 -1 -1 503 - 34 366 \"GET https://api.example.com:443/?email=\(s[0]) HTTP/1.1\" \"curl/8\" - -",
            ]
        }
        let cloudWatch = #"{"events":[{"logStreamName":"api/\#(s[0])","timestamp":1795800053000,"message":"ERROR export for \#(s[0]) failed: x-api-key=\#(s[10])"}]}"#
        return (lines + [cloudWatch]).joined(separator: "\n") + "\n"
    }

    static func assertClean(_ output: String, _ what: String) {
        for secret in secrets {
            #expect(!output.contains(secret), "\(what) leaks \(secret)")
        }
    }

    @Test("text, JSON, Slack, HTML and the prompt hold none of the planted secrets")
    func inProcess() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("planted-\(UUID().uuidString).log")
        try Self.plantedLog().write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let pack = try evidencePack(file: file.path)
        #expect(pack.incident.eventCount > 20)
        let d = await DiagnosisPipeline().diagnose(pack: pack).diagnosis
        Self.assertClean(TextReportRenderer(color: true).render(d), "text")
        Self.assertClean(String(decoding: try CloudDoctorJSON.encoder().encode(d), as: UTF8.self), "json")
        Self.assertClean(SlackRenderer().render(d), "slack")
        Self.assertClean(HTMLReport().render(d), "html")
        Self.assertClean(AnalysisPrompt.text(for: pack), "prompt")
        // the placeholders are there instead
        let prompt = AnalysisPrompt.text(for: pack)
        for placeholder in ["<EMAIL>", "<IP>", "<PASSWORD>"] { #expect(prompt.contains(placeholder), "\(placeholder) missing") }
    }

    @Test("the doctor CLI leaks none of them in any --format or --show-prompt")
    func throughCLI() throws {
        let doctor = try DoctorBinary.path()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("planted-\(UUID().uuidString).log")
        try Self.plantedLog().write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        for args in [["--format", "text"], ["--format", "json"], ["--format", "slack"], ["--format", "html"], ["--show-prompt"]] {
            let (status, out, err) = try run(doctor, ["diagnose", file.path, "--terraform-dir", Repo.infra.path] + args)
            #expect(status == 0, "\(args): \(err)")
            Self.assertClean(out + err, args.joined(separator: " "))
        }
    }
}

enum DoctorBinary {
    struct Missing: Error, CustomStringConvertible {
        var description: String { "the doctor executable is not built next to the tests: run `swift build --build-tests` (scripts/test does)" }
    }

    /// The `doctor` executable built next to the test bundle.
    static func path() throws -> String {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("doctor").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        throw Missing()
    }
}
