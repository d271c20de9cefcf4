import ChatOps
import CloudDoctorModels
import Foundation
import Testing

@Suite struct DiagnosisRendererTests {
    static func diagnosis(evidence: Int = 3, patchLines: Int = 10, lineLength: Int = 40, text: String = "Pool exhausted") -> Diagnosis {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let lines = (0..<patchLines).map { "+  line_\($0) = \"" + String(repeating: "x", count: max(0, lineLength - 20)) + "\"" }
        return Diagnosis(
            incident: Incident(id: "inc-abc-1", fingerprint: "abc", source: "/ecs/api", windowStart: start, windowEnd: start + 600, eventCount: 900, errorCount: 300),
            summary: text, rootCause: "The MySQL pool <max=10> is too small & requests wait", severity: .high, confidence: 0.8,
            evidence: (0..<evidence).map { Evidence(id: "E\($0)", template: "db timeout after <*> ms on conn <*> #\($0)", count: 100 - $0, firstSeen: start, lastSeen: start + 60, sample: "db timeout after 5000 ms on conn 7") },
            prescription: Prescription(explanation: "Raise the pool size.", terraform: lines.joined(separator: "\n")),
            analyzer: "offline", prescriber: "offline",
            usage: [ModelUsage(model: "gemini", inputTokens: 1_000, outputTokens: 200, estimatedCostUSD: 0.0123)], cached: true)
    }

    static func texts(_ block: JSONValue) -> [String] {
        var out: [String] = []
        if let text = block["text"]?["text"]?.stringValue { out.append(text) }
        for element in block["elements"]?.arrayValue ?? [] {
            if let text = element["text"]?.stringValue { out.append(text) }
            if let text = element["text"]?["text"]?.stringValue { out.append(text) }
        }
        return out
    }

    /// Checks every documented limit the renderer promises.
    static func checkLimits(_ message: SlackMessage) {
        #expect(message.blocks.count <= 50)
        for block in message.blocks {
            switch block["type"]?.stringValue {
            case "header": #expect((block["text"]?["text"]?.stringValue ?? "").count <= 150)
            case "section": #expect((block["text"]?["text"]?.stringValue ?? "").count <= 3_000)
            case "context": #expect((block["elements"]?.arrayValue ?? []).count <= 10)
            case "actions":
                for button in block["elements"]?.arrayValue ?? [] {
                    #expect((button["text"]?["text"]?.stringValue ?? "").count <= 75)
                    #expect((button["value"]?.stringValue ?? "").count <= 2_000)
                }
            default: break
            }
        }
        #expect(message.text.count <= 40_000)
    }

    @Test func smallDiagnosisHasHeaderSectionsContextAndFourButtons() throws {
        let message = DiagnosisRenderer(language: .en, canUploadFiles: false).render(Self.diagnosis(), kind: .terraform, resultId: "job-1")
        Self.checkLimits(message)
        #expect(message.blocks.first?["type"]?.stringValue == "header")
        let actions = try #require(message.blocks.first { $0["type"]?.stringValue == "actions" })
        let ids = (actions["elements"]?.arrayValue ?? []).compactMap { $0["action_id"]?.stringValue }
        #expect(ids == ["show_evidence", "show_sent", "check_again", "mark_resolved"])
        #expect((actions["elements"]?.arrayValue ?? []).allSatisfy { $0["value"]?.stringValue == "job-1" })
        let context = try #require(message.blocks.first { $0["type"]?.stringValue == "context" })
        let contextText = Self.texts(context).joined()
        #expect(contextText.contains("cost: $0.0123"))
        #expect(contextText.contains("cache: hit"))
        let all = message.blocks.flatMap(Self.texts).joined(separator: "\n")
        #expect(all.contains("&lt;max=10&gt; is too small &amp; requests"))
        #expect(all.contains("line_9"))
    }

    @Test func hugeDiagnosisStaysWithinSlackLimitsAndSaysWhatWasLeftOut() {
        let huge = Self.diagnosis(evidence: 500, patchLines: 5_000, lineLength: 120, text: String(repeating: "very long summary ", count: 1_000))
        let message = DiagnosisRenderer(language: .en, canUploadFiles: false).render(huge, kind: .terraform, resultId: "job-2")
        Self.checkLimits(message)
        #expect(message.attachments.isEmpty)
        let all = message.blocks.flatMap(Self.texts).joined(separator: "\n")
        #expect(all.contains("of 5000 lines shown"))
        #expect(message.blocks.last?["type"]?.stringValue == "actions")
    }

    @Test func hugePatchIsAttachedWholeWhenUploadsArePossible() throws {
        let huge = Self.diagnosis(patchLines: 5_000, lineLength: 120)
        let message = DiagnosisRenderer(language: .en, canUploadFiles: true).render(huge, kind: .terraform, resultId: "job-3")
        Self.checkLimits(message)
        let file = try #require(message.attachments.first)
        #expect(file.content.split(separator: "\n").count == 5_000)
        #expect(file.content.contains("line_4999"))
    }

    @Test func patchSplitsOnlyAtLineBoundariesAndKeepsEveryLine() {
        let diagnosis = Self.diagnosis(patchLines: 200, lineLength: 60)
        let message = DiagnosisRenderer(language: .en, canUploadFiles: false).render(diagnosis, kind: .terraform, resultId: "job-4")
        Self.checkLimits(message)
        let code = message.blocks.flatMap(Self.texts).filter { $0.hasPrefix("```\n") }
        #expect(code.count > 1)
        let lines = code.flatMap { $0.dropFirst(4).dropLast(4).split(separator: "\n").map(String.init) }
        #expect(lines.count == 200)
        for (index, line) in lines.enumerated() { #expect(line.contains("line_\(index) =")) }
    }

    @Test func anOverlongLineIsWrappedVisiblyNotCut() {
        let long = String(repeating: "y", count: 7_000)
        let chunks = TextChunker.chunks("short\n" + long + "\nend", limit: 2_992)
        #expect(chunks.allSatisfy { $0.count <= 2_992 })
        #expect(chunks.filter { $0.hasSuffix("↩") }.count == 2)
        #expect(chunks.joined().replacingOccurrences(of: "↩", with: "").filter { $0 == "y" }.count == 7_000)
    }

    @Test func evidenceAndSentPayloadFollowUpsStayWithinLimits() {
        let renderer = DiagnosisRenderer(language: .ko, canUploadFiles: false)
        let evidence = renderer.renderEvidence(Self.diagnosis(evidence: 300))
        Self.checkLimits(evidence)
        #expect(evidence.blocks.flatMap(Self.texts).joined().contains("생략"))
        let sent = renderer.renderSent([ModelInput(model: "vertex:gemini", payload: String(repeating: "log line <*>\n", count: 30_000))], incidentId: "inc-1")
        Self.checkLimits(sent)
        #expect(sent.blocks.flatMap(Self.texts).joined().contains("&lt;*&gt;"))
    }
}
