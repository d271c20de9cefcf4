import CloudDoctorModels
import Foundation

/// The readable report of `doctor diagnose --format text`. Colour (ANSI) only when asked for —
/// the CLI asks when stdout is a terminal and `NO_COLOR` is unset.
public struct TextReportRenderer: Sendable {
    public var color: Bool
    public var maxEvidence: Int

    public init(color: Bool = false, maxEvidence: Int = 10) {
        self.color = color
        self.maxEvidence = maxEvidence
    }

    private func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    private func bold(_ text: String) -> String { paint(text, "1") }

    public func render(_ d: Diagnosis) -> String {
        var out = bold("Cloud Doctor diagnosis") + "  (analyzer: \(d.analyzer), prescriber: \(d.prescriber))\n\n"
        out += bold("Summary: ") + d.summary + "\n"
        out += bold("Root cause: ") + d.rootCause + "\n"
        let severityColour = d.severity >= .high ? "31" : d.severity == .medium ? "33" : "32"
        out += bold("Severity: ") + paint(d.severity.rawValue, severityColour)
            + "   " + bold("Confidence: ") + String(format: "%.2f", d.confidence)
            + "   " + bold("Signature: ") + (d.signature ?? "none (no known signature)") + "\n"
        let i = d.incident
        out += bold("Incident: ") + "\(i.id)  fingerprint \(i.fingerprint)\n"
        var facts = "  source \(i.source); \(i.eventCount) events, \(i.errorCount) errors, \(i.malformedCount) malformed"
        if let s = i.windowStart, let e = i.windowEnd { facts += "; \(RFC3339.string(from: s)) .. \(RFC3339.string(from: e))" }
        out += facts + "\n"
        if let c = i.firstFailingComponent { out += "  first failing component: \(c)\n" }

        if !d.evidence.isEmpty {
            out += "\n" + bold("Evidence") + "\n"
            out += "  ID   LEVEL     COUNT  FIRST SEEN                TEMPLATE\n"
            for e in d.evidence.prefix(maxEvidence) {
                let first = e.firstSeen.map { RFC3339.string(from: $0) } ?? "-"
                out += "  " + pad(e.id, 4) + " " + pad(e.level?.rawValue ?? "-", 9) + " " + pad(String(e.count), 6, right: true)
                    + "  " + pad(first, 24) + "  " + oneLine(e.template, 100) + "\n"
                if e.sample != e.template { out += "       sample: " + oneLine(e.sample, 160) + "\n" }
            }
            if d.evidence.count > maxEvidence { out += "  … \(d.evidence.count - maxEvidence) more in --format json\n" }
        }
        if !d.claims.isEmpty {
            out += "\n" + bold("Claims") + "\n"
            for c in d.claims {
                let mark = c.verified ? paint("✓", "32") : paint("? unverified", "33")
                let cites = c.evidenceIds.isEmpty ? "" : " [\(c.evidenceIds.joined(separator: ", "))]"
                out += "  \(mark) \(c.text)\(cites)" + (c.verified || c.note == nil ? "" : " (\(c.note!))") + "\n"
            }
        }
        out += "\n" + bold("Prescription") + "\n"
        let p = d.prescription
        out += p.explanation.split(separator: "\n", omittingEmptySubsequences: false).map { "  \($0)" }.joined(separator: "\n") + "\n"
        if let reason = p.refusedReason {
            out += paint("  REFUSED: \(reason)", "31;1") + "\n  (the proposed Terraform is not shown because it failed validation)\n"
        } else {
            for file in p.files {
                out += "\n"
                for line in file.diff.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
                    let l = String(line)
                    if l.hasPrefix("+++") || l.hasPrefix("---") { out += bold(l) + "\n" }
                    else if l.hasPrefix("+") { out += paint(l, "32") + "\n" }
                    else if l.hasPrefix("-") { out += paint(l, "31") + "\n" }
                    else if l.hasPrefix("@@") { out += paint(l, "36") + "\n" }
                    else { out += l + "\n" }
                }
            }
            if p.files.isEmpty, !p.terraform.isEmpty {
                out += "\n" + p.terraform + "\n"
            }
        }
        if !d.notes.isEmpty {
            out += "\n" + bold("Notes") + "\n" + d.notes.map { "  - \($0)" }.joined(separator: "\n") + "\n"
        }
        return out
    }

    private func pad(_ s: String, _ n: Int, right: Bool = false) -> String {
        s.count >= n ? s : right ? String(repeating: " ", count: n - s.count) + s : s + String(repeating: " ", count: n - s.count)
    }

    private func oneLine(_ s: String, _ n: Int) -> String {
        let flat = s.replacingOccurrences(of: "\n", with: " ⏎ ")
        return flat.count > n ? String(flat.prefix(n)) + "…" : flat
    }
}
