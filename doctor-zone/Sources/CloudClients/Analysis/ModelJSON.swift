import CloudDoctorModels
import Diagnosis
import Foundation

/// Reads the JSON object out of a model's answer (tolerating a code fence or text around it) and
/// checks it against the shape we asked for. What a model returns is untrusted input.
enum ModelJSON {
    static func object(in text: String) throws -> [String: Any] {
        guard let start = text.firstIndex(of: "{"), let end = text.lastIndex(of: "}"), start < end,
              let object = try? JSONSerialization.jsonObject(with: Data(text[start...end].utf8)) as? [String: Any] else {
            throw CloudClientError(CloudClientError.malformed, "the model's answer holds no JSON object")
        }
        return object
    }

    static func string(_ object: [String: Any], _ key: String, max: Int = 4000) -> String? {
        (object[key] as? String).map { String($0.prefix(max)) }
    }

    /// An `Analysis` from the analyzer schema; claims start verified (the pipeline and the reviewer check them).
    static func analysis(from text: String) throws -> Analysis {
        let object = try object(in: text)
        guard let summary = string(object, "summary"), !summary.isEmpty,
              let rootCause = string(object, "rootCause"), !rootCause.isEmpty else {
            throw CloudClientError(CloudClientError.malformed, "the analysis lacks summary or rootCause")
        }
        let severity = (object["severity"] as? String).flatMap { Severity(rawValue: $0.lowercased()) } ?? .medium
        let confidence = (object["confidence"] as? NSNumber)?.doubleValue ?? 0.5
        let claims = ((object["claims"] as? [[String: Any]]) ?? []).prefix(20).compactMap { item -> Claim? in
            guard let text = string(item, "text", max: 1000), !text.isEmpty else { return nil }
            let ids = ((item["evidenceIds"] as? [Any]) ?? []).compactMap { $0 as? String }.prefix(20).map { String($0.prefix(16)) }
            return Claim(text: text, evidenceIds: Array(ids), verified: true)
        }
        let signature = string(object, "signature", max: 100).flatMap { $0.isEmpty || $0 == "null" ? nil : $0 }
        return Analysis(summary: summary, rootCause: rootCause, severity: severity, confidence: min(1, max(0, confidence)),
                        claims: claims, signature: signature, remediation: string(object, "remediation"))
    }

    /// The `responseSchema` for the analysis (Vertex structured output).
    static let analysisSchema = JSONSchema.object(properties: [
        "summary": .string(),
        "rootCause": .string(),
        "severity": .string(enumValues: Severity.allCases.map(\.rawValue)),
        "confidence": .number,
        "signature": .string(nullable: true),
        "claims": .array(.object(properties: ["text": .string(), "evidenceIds": .array(.string())], required: ["text", "evidenceIds"])),
        "remediation": .string(),
    ], required: ["summary", "rootCause", "severity", "confidence", "claims"])
}
