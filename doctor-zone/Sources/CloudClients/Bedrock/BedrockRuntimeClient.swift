import AWSCore
import AsyncHTTPClient
import Foundation
import Logging

/// Bedrock Runtime `InvokeModel` (`POST /model/{modelId}/invoke`) with Claude's Messages body. Signed with
/// SigV4 for `BEDROCK_REGION` (service name `bedrock`), whatever `AWS_REGION` says; the model id is used
/// exactly as given. `ThrottlingException`, `ModelNotReadyException` and 5xx are retried.
public struct BedrockRuntimeClient: Sendable {
    public var client: AWSClient
    public var modelId: String
    public var logger: Logger

    public init(client: AWSClient, modelId: String, logger: Logger = Logger(label: "bedrock")) {
        self.client = client
        self.modelId = modelId
        self.logger = logger
    }

    /// Claude Sonnet 4's cross-region inference profile for a region's geography.
    public static func defaultModelId(region: String) -> String {
        let base = "anthropic.claude-sonnet-4-20250514-v1:0"
        if region.hasPrefix("us-gov-") { return "us-gov.\(base)" }
        if region.hasPrefix("us-") || region.hasPrefix("ca-") { return "us.\(base)" }
        if region.hasPrefix("eu-") { return "eu.\(base)" }
        if region.hasPrefix("ap-") { return "apac.\(base)" }
        return "global.\(base)"
    }

    /// Configured when `BEDROCK_REGION` or `BEDROCK_MODEL_ID` is set; nil otherwise.
    public static func fromEnvironment(_ environment: [String: String], credentials: any AWSCredentialProvider,
                                       http: HTTPClient = .shared, logger: Logger = Logger(label: "bedrock")) throws -> BedrockRuntimeClient? {
        let regionSetting = environment["BEDROCK_REGION"].flatMap { $0.isEmpty ? nil : $0 }
        let modelSetting = environment["BEDROCK_MODEL_ID"].flatMap { $0.isEmpty ? nil : $0 }
        guard regionSetting != nil || modelSetting != nil else { return nil }
        let region = regionSetting ?? AWSRegion.resolve(environment: environment)
        guard AWSRegion.isValid(region) else {
            throw CloudClientError(CloudClientError.notConfigured, "BEDROCK_REGION is not a region name")
        }
        var client = try AWSClient(service: .bedrockRuntime, region: region, credentials: credentials, environment: environment,
                                   http: http, logger: logger)
        client.classifier = RetryClassifier(extraRetryableCodes: ["ModelNotReadyException"])
        client.timeout = .seconds(120)
        return BedrockRuntimeClient(client: client, modelId: modelSetting ?? defaultModelId(region: region), logger: logger)
    }

    public var name: String { "bedrock:\(modelId)" }

    /// One `InvokeModel` call; returns Claude's text and token usage.
    public func invoke(system: String, prompt: String, maxTokens: Int = 4096, temperature: Double = 0.2) async throws -> ModelAnswer {
        let request = AnthropicMessages.Request(
            anthropic_version: AnthropicMessages.bedrockVersion, max_tokens: maxTokens, system: system,
            messages: [.init(role: "user", content: [.init(text: prompt)])], temperature: temperature)
        let body = try JSONEncoder().encode(request)
        let response: AWSResponse
        do {
            response = try await client.send(method: "POST", path: "/model/\(URIEncoding.encode(modelId))/invoke",
                                             headers: [.init("Content-Type", "application/json"), .init("Accept", "application/json")],
                                             body: Array(body), operation: "InvokeModel")
        } catch let error as AWSError {
            throw CloudClientError(error.code == AWSError.timeout ? CloudClientError.timeout : CloudClientError.http,
                                   "Bedrock InvokeModel failed: \(error.code) after \(error.attempts) attempts", status: error.status)
        }
        guard let answer = try? JSONDecoder().decode(AnthropicMessages.Response.self, from: Data(response.body)) else {
            throw CloudClientError(CloudClientError.malformed, "Bedrock answered something that is not a Messages response")
        }
        let text = (answer.content ?? []).filter { $0.type == "text" }.compactMap(\.text).joined()
        let usage = ModelAnswer(text: text, inputTokens: answer.usage?.input_tokens ?? 0, outputTokens: answer.usage?.output_tokens ?? 0,
                                model: name)
        logger.info("bedrock usage", metadata: ["model": "\(modelId)", "inputTokens": "\(usage.inputTokens)",
                                                "outputTokens": "\(usage.outputTokens)", "stopReason": "\(answer.stop_reason ?? "none")"])
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw CloudClientError(CloudClientError.empty, "Claude answered no text (stop_reason \(answer.stop_reason ?? "none"))")
        }
        if answer.stop_reason == "max_tokens" {
            throw CloudClientError(CloudClientError.malformed, "Claude's answer was cut off at max_tokens")
        }
        return usage
    }
}
