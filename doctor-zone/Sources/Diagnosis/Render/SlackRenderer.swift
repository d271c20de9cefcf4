import CloudDoctorModels
import Foundation

/// A diagnosis as a Slack message: Block Kit JSON (`{"text": …, "blocks": […]}`) ready for
/// `chat.postMessage` or a `response_url`. Keeps within Block Kit's limits (section text 3000
/// characters, header 150, 50 blocks) and escapes `&`, `<`, `>` as Slack's mrkdwn requires — our
/// `<EMAIL>`-style placeholders would otherwise read as links.
public struct SlackRenderer: Sendable {
    public var maxEvidence: Int

    public init(maxEvidence: Int = 5) {
        self.maxEvidence = maxEvidence
    }

    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    static func cut(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// The message payload as a JSON-serialisable dictionary.
    public func payload(_ d: Diagnosis) -> [String: Any] {
        let title = d.signature.flatMap { SignatureCatalog.signature(id: $0)?.title } ?? (d.signature == nil ? "No known signature" : d.signature!)
        var blocks: [[String: Any]] = []
        func section(_ mrkdwn: String) {
            blocks.append(["type": "section", "text": ["type": "mrkdwn", "text": Self.cut(mrkdwn, 3000)]])
        }
        blocks.append(["type": "header", "text": ["type": "plain_text", "text": Self.cut("Cloud Doctor: \(title)", 150), "emoji": true]])
        section("*Summary*\n" + Self.escape(d.summary))
        blocks.append(["type": "section", "fields": [
            ["type": "mrkdwn", "text": "*Severity*\n\(d.severity.rawValue)"],
            ["type": "mrkdwn", "text": "*Confidence*\n\(String(format: "%.2f", d.confidence))"],
            ["type": "mrkdwn", "text": "*Events*\n\(d.incident.eventCount) (\(d.incident.errorCount) errors)"],
            ["type": "mrkdwn", "text": "*First failing*\n\(Self.escape(d.incident.firstFailingComponent ?? "unknown"))"],
        ]])
        section("*Root cause*\n" + Self.escape(d.rootCause))
        if !d.evidence.isEmpty {
            let lines = d.evidence.prefix(maxEvidence).map { e in
                "\(e.id) [\(e.level?.rawValue ?? "-")] ×\(e.count)  \(Self.cut(e.template.replacingOccurrences(of: "\n", with: " "), 200))"
            }
            section("*Evidence*\n```" + Self.escape(lines.joined(separator: "\n")) + "```")
        }
        let claims = d.claims.prefix(6).map { c in
            (c.verified ? "✓ " : "⚠︎ unverified: ") + Self.escape(c.text) + (c.evidenceIds.isEmpty ? "" : " (\(c.evidenceIds.joined(separator: ", ")))")
        }
        if !claims.isEmpty { section("*Claims*\n" + claims.joined(separator: "\n")) }
        let p = d.prescription
        section("*Prescription*\n" + Self.escape(p.explanation))
        if let reason = p.refusedReason {
            section(":no_entry: *Refused by the policy guard*: " + Self.escape(reason))
        } else {
            for file in p.files.prefix(4) {
                section("`\(Self.escape(file.path))`\n```" + Self.escape(Self.cut(file.diff, 2800)) + "```")
            }
            if p.files.isEmpty, !p.terraform.isEmpty {
                section("```" + Self.escape(Self.cut(p.terraform, 2900)) + "```")
            }
        }
        var context = "analyzer \(d.analyzer) · prescriber \(d.prescriber) · fingerprint \(d.incident.fingerprint.prefix(12))"
        if d.cached { context += " · cached" }
        if !d.notes.isEmpty { context += " · " + d.notes.joined(separator: "; ") }
        blocks.append(["type": "context", "elements": [["type": "mrkdwn", "text": Self.cut(Self.escape(context), 3000)]]])
        return ["text": Self.cut(Self.escape("Cloud Doctor: \(title) — \(d.summary)"), 3000), "blocks": Array(blocks.prefix(50))]
    }

    public func render(_ d: Diagnosis) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: payload(d), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
