import LogTriage

/// Works out the root cause from redacted evidence. Implementations: `OfflineAnalyzer` (the
/// signature knowledge base, no network), and the LLM analyzers of the CloudClients target.
///
/// Contract: `pack.render()` (wrapped by `AnalysisPrompt`) is all an implementation may send out of
/// the process; every claim should cite evidence ids from `pack`; throw on any failure and the
/// pipeline falls back to the offline analyzer, saying so in `Diagnosis.notes`.
public protocol RootCauseAnalyzer: Sendable {
    /// `offline`, or `vertex:MODEL` / `bedrock:MODEL`: what `Diagnosis.analyzer` records.
    var name: String { get }
    func analyze(_ pack: EvidencePack) async throws -> Analysis
}
