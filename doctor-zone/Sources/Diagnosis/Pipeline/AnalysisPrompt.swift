import LogTriage

/// The text sent to a model for root-cause analysis: fixed instructions plus `EvidencePack.render()`
/// (redacted evidence only). `doctor diagnose --show-prompt` prints exactly this, so operators see
/// what leaves the company. LLM analyzers must send this text and nothing else from the logs.
public enum AnalysisPrompt {
    public static let instructions = """
    You are an SRE diagnosing an incident on AWS (ECS Fargate service behind an ALB, RDS MySQL).
    Below is redacted evidence mined from the service's logs: each item has an id (E1, E2, …), a
    template (variables written <*>), a count, first/last seen times, and one sample.
    Answer with one JSON object and nothing else:
    {"summary": string, "rootCause": string, "severity": "info|low|medium|high|critical",
     "confidence": number 0..1, "signature": string or null,
     "claims": [{"text": string, "evidenceIds": ["E1", …]}], "remediation": string}
    Every claim must cite the evidence ids it rests on. If the evidence does not show a cause, say so.
    """

    public static func text(for pack: EvidencePack) -> String {
        instructions + "\n\n" + pack.render()
    }
}
