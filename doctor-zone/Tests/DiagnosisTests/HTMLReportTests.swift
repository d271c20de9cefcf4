import CloudDoctorModels
import Foundation
import Testing
@testable import Diagnosis

@Suite("HTML incident report")
struct HTMLReportTests {
    static func diagnosis(evidence: [Evidence], patch: String = "--- a/infra/aws/main.tf\n+++ b/infra/aws/main.tf\n@@ -1 +1 @@\n-  memory = 512\n+  memory = 1024") -> Diagnosis {
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        return Diagnosis(
            incident: Incident(id: "inc-7", fingerprint: "f00d", source: "/ecs/patient-api",
                               windowStart: start, windowEnd: start.addingTimeInterval(600), eventCount: 10, errorCount: 4),
            summary: "Tasks were OOM-killed", rootCause: "The task's memory limit is below its peak use.",
            severity: .high, confidence: 0.82, signature: "ecs-oom", evidence: evidence,
            claims: [Claim(text: "exit code 137", evidenceIds: ["E1"], verified: true),
                     Claim(text: "a deploy caused it", evidenceIds: [], verified: false, note: "no evidence cited")],
            prescription: Prescription(explanation: "Raise memory.", terraform: "memory = 1024",
                                       files: [FilePatch(path: "infra/aws/main.tf", diff: patch)]),
            analyzer: "offline", prescriber: "bedrock:claude")
    }

    @Test func hostileLogTextIsEscapedEverywhere() {
        let attack = "<script>alert('x')</script><img src=x onerror=alert(1)>"
        let evidence = [Evidence(id: "E1", template: attack, count: 3, sample: attack, level: .error, perMinute: [1, 2])]
        var diagnosis = Self.diagnosis(evidence: evidence, patch: "+ name = \"\(attack)\"")
        diagnosis.summary = attack
        diagnosis.rootCause = attack
        let html = HTMLReport().render(diagnosis)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
    }

    @Test func reportIsSelfContained() {
        let evidence = [Evidence(id: "E1", template: "killed <*>", count: 3, sample: "killed 137", level: .error, perMinute: [0, 3])]
        let html = HTMLReport().render(Self.diagnosis(evidence: evidence))
        #expect(!html.contains("src="))
        #expect(!html.contains("href="))
        #expect(!html.contains("<link"))
        #expect(!html.contains("@import"))
        #expect(html.contains("<style>"))
    }

    @Test func timelineDrawsOneLinePerTopTemplateWithPoints() {
        let evidence = (1...7).map { index in
            Evidence(id: "E\(index)", template: "t\(index) <*>", count: index, sample: "s", level: .error,
                     perMinute: [index, 0, index * 2])
        }
        let report = HTMLReport(timelineSeries: 5)
        let svg = report.timeline(Self.diagnosis(evidence: evidence))
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 5)
        // The largest counts are drawn, the smallest are left out.
        #expect(svg.contains("E7: t7"))
        #expect(!svg.contains("E1: t1"))
        // Three minutes → three points per line.
        let firstPoints = svg.components(separatedBy: "points=\"")[1].prefix { $0 != "\"" }
        #expect(firstPoints.split(separator: " ").count == 3)
    }

    @Test func timelineSaysSoWhenThereAreNoCounts() {
        let evidence = [Evidence(id: "E1", template: "x", count: 1, sample: "x")]
        #expect(HTMLReport().timeline(Self.diagnosis(evidence: evidence)).contains("No per-minute counts"))
    }

    @Test func patchLinesAreColouredByKind() {
        let html = HTMLReport().render(Self.diagnosis(evidence: []))
        #expect(html.contains("<span class=\"del\">-  memory = 512</span>"))
        #expect(html.contains("<span class=\"add\">+  memory = 1024</span>"))
        #expect(html.contains("<span class=\"hunk\">@@ -1 +1 @@</span>"))
    }

    @Test func unverifiedClaimsAreMarked() {
        let html = HTMLReport().render(Self.diagnosis(evidence: []))
        #expect(html.contains("unverified</span> a deploy caused it"))
        #expect(html.contains("verified</span> exit code 137"))
    }

    @Test(arguments: [
        ([0, 1, 2, 4, 8], "▁▂▃▅█"),
        ([5, 5, 5], "███"),
        ([0, 0], "▁▁"),
        ([1, 100], "▂█"),
        ([], ""),
    ])
    func sparklineScalesToThePeak(values: [Int], expected: String) {
        #expect(Sparkline.render(values) == expected)
    }

    @Test func sparklineSumsNeighboursWhenWiderThanAsked() {
        #expect(Sparkline.bucket([1, 1, 2, 2, 3, 3], into: 3) == [2, 4, 6])
        #expect(Sparkline.render(Array(repeating: 1, count: 48), width: 24).count == 24)
    }
}
