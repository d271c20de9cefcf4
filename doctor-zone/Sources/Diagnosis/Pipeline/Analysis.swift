import CloudDoctorModels

/// What an analyzer concludes from an evidence pack, before any Terraform is written.
public struct Analysis: Codable, Sendable, Hashable {
    public var summary: String
    public var rootCause: String
    public var severity: Severity
    /// 0…1.
    public var confidence: Double
    /// Statements and the evidence ids (`E1`…) they rest on; the pipeline checks every citation.
    public var claims: [Claim]
    /// Id of the known failure signature (see `SignatureCatalog`), or nil for "no known signature".
    public var signature: String?
    /// What should change, in words, for a prescriber (e.g. "raise the ECS task memory").
    public var remediation: String?

    public init(summary: String, rootCause: String, severity: Severity, confidence: Double, claims: [Claim] = [],
                signature: String? = nil, remediation: String? = nil) {
        self.summary = summary
        self.rootCause = rootCause
        self.severity = severity
        self.confidence = confidence
        self.claims = claims
        self.signature = signature
        self.remediation = remediation
    }
}
