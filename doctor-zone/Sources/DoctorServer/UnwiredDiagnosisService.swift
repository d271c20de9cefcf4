import ChatOps

/// Stand-in until the diagnosis pipeline is wired: every job reports a clear failure.
public struct UnwiredDiagnosisService: DiagnosisService {
    public struct NotWired: Error {}

    public init() {}

    public func diagnose(_ request: DiagnosisRequest) async throws -> DiagnosisReport {
        throw NotWired()
    }

    public var modelsDescription: String { "none (diagnosis pipeline not wired)" }
}
