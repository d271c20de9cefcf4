import Foundation

/// A statement in a diagnosis and the evidence ids it rests on.
/// A claim that cites nothing, or whose evidence contradicts it, is `verified == false`.
public struct Claim: Codable, Sendable, Hashable {
    public var text: String
    public var evidenceIds: [String]
    public var verified: Bool
    /// Why a claim is unverified, when it is.
    public var note: String?

    public init(text: String, evidenceIds: [String], verified: Bool, note: String? = nil) {
        self.text = text
        self.evidenceIds = evidenceIds
        self.verified = verified
        self.note = note
    }
}

/// Tokens and an estimated price for one model call (or the sum of several).
public struct ModelUsage: Codable, Sendable, Hashable {
    public var model: String
    public var inputTokens: Int
    public var outputTokens: Int
    public var estimatedCostUSD: Double

    public init(model: String, inputTokens: Int, outputTokens: Int, estimatedCostUSD: Double) {
        self.model = model
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.estimatedCostUSD = estimatedCostUSD
    }
}

/// The Doctor's answer: root cause with evidence, and the Terraform change that fixes it.
/// Its JSON form is the `--format json` contract of `doctor diagnose`.
public struct Diagnosis: Codable, Sendable, Hashable {
    public var incident: Incident
    public var summary: String
    public var rootCause: String
    public var severity: Severity
    /// 0...1; how sure the analyzer is.
    public var confidence: Double
    /// The id of the known failure signature, or nil for "no known signature".
    public var signature: String?
    public var evidence: [Evidence]
    public var claims: [Claim]
    public var prescription: Prescription
    /// `offline` or `vertex:MODEL` (or `bedrock:MODEL`).
    public var analyzer: String
    /// `offline` or `bedrock:MODEL`.
    public var prescriber: String
    /// Why a fallback or other notable choice happened (e.g. "vertex: timeout, used offline").
    public var notes: [String]
    public var usage: [ModelUsage]
    /// True when the answer came from the fingerprint cache.
    public var cached: Bool

    public init(
        incident: Incident,
        summary: String,
        rootCause: String,
        severity: Severity,
        confidence: Double,
        signature: String? = nil,
        evidence: [Evidence],
        claims: [Claim] = [],
        prescription: Prescription,
        analyzer: String = "offline",
        prescriber: String = "offline",
        notes: [String] = [],
        usage: [ModelUsage] = [],
        cached: Bool = false
    ) {
        self.incident = incident
        self.summary = summary
        self.rootCause = rootCause
        self.severity = severity
        self.confidence = confidence
        self.signature = signature
        self.evidence = evidence
        self.claims = claims
        self.prescription = prescription
        self.analyzer = analyzer
        self.prescriber = prescriber
        self.notes = notes
        self.usage = usage
        self.cached = cached
    }
}
