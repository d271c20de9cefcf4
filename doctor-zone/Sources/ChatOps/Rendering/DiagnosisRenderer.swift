import CloudDoctorModels
import Foundation

/// Action ids of the buttons on a diagnosis message.
public enum DiagnosisAction: String, Sendable, CaseIterable {
    case showEvidence = "show_evidence"
    case showSent = "show_sent"
    case checkAgain = "check_again"
    case markResolved = "mark_resolved"
}

/// Renders diagnoses as Block Kit messages within Slack's limits.
public struct DiagnosisRenderer: Sendable {
    public var phrases: Phrases
    /// With a bot token, long patches go out as a file upload instead of truncated blocks.
    public var canUploadFiles: Bool
    /// How many evidence lines the main message shows.
    public var evidenceInSummary = 5

    public init(language: Language, canUploadFiles: Bool) {
        self.phrases = Phrases(language)
        self.canUploadFiles = canUploadFiles
    }

    private var ko: Bool { phrases.language == .ko }

    // MARK: main message

    /// The diagnosis message. `resultId` goes into button values so interactions find the result.
    public func render(_ diagnosis: Diagnosis, kind: DiagnosisRequest.Kind, resultId: String) -> SlackMessage {
        var head: [JSONValue] = []
        let icon = Self.icon(diagnosis.severity)
        head.append(Self.header("\(icon) [\(diagnosis.severity.rawValue.uppercased())] \(diagnosis.summary)"))
        head += Self.sections(title: ko ? "요약" : "Summary", body: diagnosis.summary)
        head += Self.sections(title: ko ? "근본 원인" : "Root cause", body: diagnosis.rootCause)
        if !diagnosis.evidence.isEmpty { head += Self.sections(title: nil, body: evidenceSummary(diagnosis)) }

        var tail: [JSONValue] = [context(diagnosis), actions(resultId: resultId)]
        var attachments: [SlackFile] = []
        var patchBlocks: [JSONValue] = []
        let patch = Self.patchText(diagnosis.prescription)
        if let reason = diagnosis.prescription.refusedReason {
            patchBlocks += Self.sections(title: ko ? "수정안 거부됨" : "Fix refused", body: reason)
        } else if kind == .analyze {
            if !patch.isEmpty {
                patchBlocks.append(Self.section(ko ? "_Terraform 수정안은 `/terraform`으로 받으세요._" : "_For the Terraform fix, use `/terraform`._"))
            }
        } else {
            if !diagnosis.prescription.explanation.isEmpty {
                patchBlocks += Self.sections(title: ko ? "수정안" : "Fix", body: diagnosis.prescription.explanation)
            }
            let room = SlackLimits.blocksPerMessage - head.count - tail.count - patchBlocks.count - 1
            let codeChunks = TextChunker.chunks(Self.escape(patch), limit: SlackLimits.sectionText - 8)
            if patch.isEmpty {
                patchBlocks.append(Self.section(ko ? "_Terraform 변경 없음_" : "_No Terraform change proposed._"))
            } else if codeChunks.count <= room + 1 {
                patchBlocks += codeChunks.map { Self.section("```\n\($0)\n```") }
            } else {
                let shown = codeChunks.prefix(max(0, min(room, 3)))
                patchBlocks += shown.map { Self.section("```\n\($0)\n```") }
                let shownLines = shown.reduce(0) { $0 + $1.split(separator: "\n", omittingEmptySubsequences: false).count }
                let totalLines = patch.split(separator: "\n", omittingEmptySubsequences: false).count
                if canUploadFiles {
                    attachments.append(SlackFile(filename: "fix-\(diagnosis.incident.id).tf.diff", title: "Terraform fix", content: patch))
                    patchBlocks.append(Self.section(ko
                        ? "_패치가 길어 앞부분 \(shownLines)줄만 보입니다. 전체 \(totalLines)줄은 첨부 파일로 올립니다._"
                        : "_The patch is long: first \(shownLines) of \(totalLines) lines shown; the whole patch is attached as a file._"))
                } else {
                    patchBlocks.append(Self.section(ko
                        ? "_패치가 길어 앞부분 \(shownLines)줄만 보입니다 (전체 \(totalLines)줄). 전체는 `doctor diagnose --format json`으로 받으세요._"
                        : "_The patch is long: first \(shownLines) of \(totalLines) lines shown. Get all of it with `doctor diagnose --format json`._"))
                }
            }
        }
        // Head sections can be huge too: keep header, trim body sections, say so.
        var blocks = head + patchBlocks
        let budget = SlackLimits.blocksPerMessage - tail.count
        if blocks.count > budget {
            blocks = Array(blocks.prefix(budget - 1))
            blocks.append(Self.section(ko ? "_메시지 한도(50블록)로 일부를 생략했습니다._" : "_Some sections were left out to stay within Slack's 50-block limit._"))
        }
        tail = [context(diagnosis), actions(resultId: resultId)]
        let text = TextChunker.clip("[\(diagnosis.severity.rawValue)] \(diagnosis.summary) — \(diagnosis.rootCause)", limit: SlackLimits.messageText)
        return SlackMessage(text: text, blocks: blocks + tail, attachments: attachments)
    }

    func evidenceSummary(_ diagnosis: Diagnosis) -> String {
        let top = diagnosis.evidence.sorted { $0.count > $1.count }.prefix(evidenceInSummary)
        var lines = [ko ? "*증거* (상위 \(top.count)/\(diagnosis.evidence.count))" : "*Evidence* (top \(top.count) of \(diagnosis.evidence.count))"]
        for item in top {
            let template = TextChunker.clip(item.template.replacingOccurrences(of: "`", with: "'"), limit: 300)
            lines.append("• `\(template)` ×\(item.count)\(Self.range(item.firstSeen, item.lastSeen))")
        }
        return lines.joined(separator: "\n")
    }

    func context(_ diagnosis: Diagnosis) -> JSONValue {
        let cost = diagnosis.usage.reduce(0) { $0 + $1.estimatedCostUSD }
        var parts = [
            "analyzer: \(diagnosis.analyzer)",
            "prescriber: \(diagnosis.prescriber)",
            String(format: "cost: $%.4f", cost),
            diagnosis.cached ? "cache: hit" : "cache: miss",
            String(format: "confidence: %.0f%%", diagnosis.confidence * 100),
            "incident: \(diagnosis.incident.id)",
        ]
        if !diagnosis.notes.isEmpty { parts.append("notes: " + diagnosis.notes.joined(separator: "; ")) }
        let text = TextChunker.clip(Self.escape(parts.joined(separator: " · ")), limit: SlackLimits.sectionText)
        return ["type": "context", "elements": [["type": "mrkdwn", "text": .string(text)]]]
    }

    func actions(resultId: String) -> JSONValue {
        let labels: [(DiagnosisAction, String)] = ko
            ? [(.showEvidence, "전체 증거 보기"), (.showSent, "보낸 내용 보기"), (.checkAgain, "다시 확인"), (.markResolved, "해결됨으로 표시")]
            : [(.showEvidence, "Show full evidence"), (.showSent, "Show what was sent"), (.checkAgain, "Check again"), (.markResolved, "Mark resolved")]
        let value = TextChunker.clip(resultId, limit: SlackLimits.buttonValue)
        let buttons: [JSONValue] = labels.map { action, label in
            var button: [String: JSONValue] = [
                "type": "button", "action_id": .string(action.rawValue), "value": .string(value),
                "text": ["type": "plain_text", "text": .string(TextChunker.clip(label, limit: SlackLimits.buttonText))],
            ]
            if action == .markResolved { button["style"] = "primary" }
            return .object(button)
        }
        return ["type": "actions", "block_id": "diagnosis_actions", "elements": .array(buttons)]
    }

    // MARK: follow-ups

    /// Every evidence cluster with its sample, as an ephemeral follow-up.
    public func renderEvidence(_ diagnosis: Diagnosis) -> SlackMessage {
        var blocks: [JSONValue] = [Self.header(ko ? "증거: \(diagnosis.incident.id)" : "Evidence: \(diagnosis.incident.id)")]
        let budget = SlackLimits.blocksPerMessage - 2
        for (index, item) in diagnosis.evidence.enumerated() {
            guard blocks.count < budget else {
                blocks.append(Self.section(ko ? "_나머지 \(diagnosis.evidence.count - index)개는 생략했습니다._"
                                               : "_\(diagnosis.evidence.count - index) more clusters not shown._"))
                break
            }
            let template = Self.escape(TextChunker.clip(item.template, limit: 1_200).replacingOccurrences(of: "```", with: "'''"))
            let sample = Self.escape(TextChunker.clip(item.sample, limit: 1_200).replacingOccurrences(of: "```", with: "'''"))
            let level = item.level.map { " \($0.rawValue)" } ?? ""
            blocks.append(Self.section("*\(item.id)*\(level) ×\(item.count)\(Self.range(item.firstSeen, item.lastSeen))\n```\n\(template)\n```\n_\(ko ? "예시" : "sample")_: ```\(sample)```"))
        }
        if diagnosis.evidence.isEmpty { blocks.append(Self.section(ko ? "_증거 없음_" : "_No evidence clusters._")) }
        return SlackMessage(text: "Evidence for \(diagnosis.incident.id)", blocks: blocks)
    }

    /// The exact redacted payloads sent to each model.
    public func renderSent(_ inputs: [ModelInput], incidentId: String) -> SlackMessage {
        var blocks: [JSONValue] = [Self.header(ko ? "모델에 보낸 내용: \(incidentId)" : "Sent to models: \(incidentId)")]
        var attachments: [SlackFile] = []
        if inputs.isEmpty {
            blocks.append(Self.section(ko ? "_모델 호출 없음 (오프라인 분석기)._" : "_No model was called (offline analyzer)._"))
        }
        for input in inputs {
            let chunks = TextChunker.chunks(Self.escape(input.payload.replacingOccurrences(of: "```", with: "'''")), limit: SlackLimits.sectionText - 8)
            blocks.append(Self.section("*\(input.model)* (\(input.payload.utf8.count) bytes)"))
            if blocks.count + chunks.count > SlackLimits.blocksPerMessage - 2 {
                if canUploadFiles {
                    attachments.append(SlackFile(filename: "sent-\(input.model.replacingOccurrences(of: "/", with: "_")).txt", title: "Sent to \(input.model)", content: input.payload))
                    blocks.append(Self.section(ko ? "_길어서 파일로 첨부합니다._" : "_Too long for a message: attached as a file._"))
                } else {
                    let room = max(0, SlackLimits.blocksPerMessage - 2 - blocks.count)
                    blocks += chunks.prefix(room).map { Self.section("```\n\($0)\n```") }
                    blocks.append(Self.section(ko ? "_메시지 한도로 \(chunks.count - room)개 조각을 생략했습니다._"
                                                   : "_\(chunks.count - room) more pieces not shown (Slack's 50-block limit)._"))
                    break
                }
            } else {
                blocks += chunks.map { Self.section("```\n\($0)\n```") }
            }
        }
        return SlackMessage(text: "Sent to models for \(incidentId)", blocks: Array(blocks.prefix(SlackLimits.blocksPerMessage)), attachments: attachments)
    }

    public func renderRecheck(incidentId: String, stillFiring: Bool, errorCount: Int) -> SlackMessage {
        let text = stillFiring
            ? (ko ? ":red_circle: *여전히 발생 중*: \(incidentId) (오류 \(errorCount)건)" : ":red_circle: *Still firing*: \(incidentId) (\(errorCount) errors in the same window length)")
            : (ko ? ":large_green_circle: *해결됨*: \(incidentId)의 패턴이 더 이상 보이지 않습니다" : ":large_green_circle: *Resolved*: \(incidentId) no longer shows in the logs")
        return SlackMessage(text: text, blocks: [Self.section(text)])
    }

    public func renderMarkedResolved(incidentId: String, by user: String) -> SlackMessage {
        let text = ko ? ":white_check_mark: <@\(user)>님이 \(incidentId)를 해결됨으로 표시했습니다" : ":white_check_mark: \(incidentId) marked resolved by <@\(user)>"
        return SlackMessage(text: text, blocks: [Self.section(text)])
    }

    public func renderNotice(_ text: String) -> SlackMessage {
        SlackMessage(text: text, blocks: [Self.section(TextChunker.clip(text, limit: SlackLimits.sectionText))])
    }

    // MARK: building blocks

    static func patchText(_ prescription: Prescription) -> String {
        if !prescription.files.isEmpty {
            return prescription.files.map { $0.diff.hasSuffix("\n") ? String($0.diff.dropLast()) : $0.diff }.joined(separator: "\n")
        }
        return prescription.terraform.trimmingCharacters(in: .newlines)
    }

    static func header(_ text: String) -> JSONValue {
        ["type": "header", "text": ["type": "plain_text", "text": .string(TextChunker.clip(text.replacingOccurrences(of: "\n", with: " "), limit: SlackLimits.headerText)), "emoji": true]]
    }

    static func section(_ text: String) -> JSONValue {
        ["type": "section", "text": ["type": "mrkdwn", "text": .string(text)]]
    }

    static func sections(title: String?, body: String) -> [JSONValue] {
        let prefix = title.map { "*\($0)*\n" } ?? ""
        let chunks = TextChunker.chunks(escape(body), limit: SlackLimits.sectionText - prefix.count)
        return chunks.enumerated().map { index, chunk in section((index == 0 ? prefix : "") + chunk) }
    }

    /// Slack mrkdwn control characters (`&`, `<`, `>`) in untrusted text, escaped as Slack documents.
    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    static func icon(_ severity: Severity) -> String {
        switch severity {
        case .critical: "🔴"
        case .high: "🟠"
        case .medium: "🟡"
        case .low: "🔵"
        case .info: "⚪"
        }
    }

    static func range(_ first: Date?, _ last: Date?) -> String {
        guard let first else { return "" }
        let start = RFC3339.string(from: first)
        guard let last, last != first else { return " (\(start))" }
        return " (\(start) – \(RFC3339.string(from: last)))"
    }
}
