import CloudDoctorModels
import Diagnosis
import LogTriage

/// Gemini on Vertex AI as a `RootCauseAnalyzer`: sends `AnalysisPrompt.text(for:)` (redacted evidence only)
/// with structured output (`responseMimeType: application/json` + `responseSchema`).
public struct VertexAnalyzer: RootCauseAnalyzer {
    public var client: VertexAIClient
    public var ledger: UsageLedger

    public init(client: VertexAIClient, ledger: UsageLedger) {
        self.client = client
        self.ledger = ledger
    }

    public var name: String { client.name }

    public func analyze(_ pack: EvidencePack) async throws -> Analysis {
        let answer = try await client.generateJSON(system: Prompts.analyzerSystem, prompt: AnalysisPrompt.text(for: pack),
                                                   schema: ModelJSON.analysisSchema)
        await ledger.record(answer)
        return try ModelJSON.analysis(from: answer.text)
    }
}

/// Claude on Bedrock as a `RootCauseAnalyzer` (same prompt, JSON asked for in words).
public struct BedrockAnalyzer: RootCauseAnalyzer {
    public var client: BedrockRuntimeClient
    public var ledger: UsageLedger

    public init(client: BedrockRuntimeClient, ledger: UsageLedger) {
        self.client = client
        self.ledger = ledger
    }

    public var name: String { client.name }

    public func analyze(_ pack: EvidencePack) async throws -> Analysis {
        let answer = try await client.invoke(system: Prompts.analyzerSystem, prompt: AnalysisPrompt.text(for: pack), maxTokens: 2048)
        await ledger.record(answer)
        return try ModelJSON.analysis(from: answer.text)
    }
}
