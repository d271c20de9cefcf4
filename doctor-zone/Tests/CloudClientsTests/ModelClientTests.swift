import AWSCore
import CloudTestSupport
import Foundation
import Testing
@testable import CloudClients

@Suite("Vertex AI and Bedrock clients against loopback fakes")
struct ModelClientTests {
    static let fastRetries = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(5), maxBackoff: .milliseconds(20))

    static func vertex(_ base: String, timeout: Duration = .seconds(5)) -> VertexAIClient {
        VertexAIClient(project: "doctor-test", location: "europe-west1", model: "gemini-2.0-flash", baseURL: base,
                       tokens: GoogleAccessTokenProvider(source: .metadataServer(host: String(base.dropFirst("http://".count)))),
                       poster: JSONPoster(retryPolicy: fastRetries, timeout: timeout))
    }

    /// Serves the metadata token and hands generateContent calls to `answer`.
    static func vertexServer(_ answer: @escaping @Sendable (RecordedRequest, Int) async -> CannedResponse) -> LoopbackServer.Handler {
        { request, index in
            if request.path.hasPrefix("/computeMetadata/") {
                return CannedResponse(headers: ["Metadata-Flavor": "Google", "Content-Type": "application/json"],
                                      body: #"{"access_token":"ya29.test","expires_in":3600,"token_type":"Bearer"}"#)
            }
            return await answer(request, index)
        }
    }

    @Test("generateContent: documented path, bearer token, JSON mode with a response schema; usage read")
    func vertexRequestShape() async throws {
        try await LoopbackServer.run(handler: Self.vertexServer { _, _ in Fakes.vertexAnswer(#"{"ok":true}"#) }) { base, log in
            let answer = try await Self.vertex(base).generateJSON(system: "sys", prompt: "evidence here", schema: ModelJSON.analysisSchema)
            #expect(answer.text == #"{"ok":true}"#)
            #expect(answer.inputTokens == 1200 && answer.outputTokens == 300)
            let call = try #require(await log.requests.last)
            #expect(call.path == "/v1/projects/doctor-test/locations/europe-west1/publishers/google/models/gemini-2.0-flash:generateContent")
            #expect(call.header("Authorization") == "Bearer ya29.test")
            let body = Fakes.json(call)
            let config = try #require(body["generationConfig"] as? [String: Any])
            #expect(config["responseMimeType"] as? String == "application/json")
            let schema = try #require(config["responseSchema"] as? [String: Any])
            #expect(schema["type"] as? String == "OBJECT")
            #expect((schema["required"] as? [String])?.contains("rootCause") == true)
            let contents = try #require(body["contents"] as? [[String: Any]])
            #expect(contents.first?["role"] as? String == "user")
            #expect(((body["systemInstruction"] as? [String: Any])?["parts"] as? [[String: Any]])?.first?["text"] as? String == "sys")
        }
    }

    @Test("Vertex answers that cannot be used are errors with their reason", arguments: [
        (#"{"promptFeedback":{"blockReason":"SAFETY"}}"#, CloudClientError.blocked),
        (#"{"candidates":[{"content":{"role":"model","parts":[{"text":"x"}]},"finishReason":"SAFETY"}]}"#, CloudClientError.blocked),
        (#"{"candidates":[]}"#, CloudClientError.empty),
        (#"{"candidates":[{"content":{"role":"model","parts":[]},"finishReason":"STOP"}]}"#, CloudClientError.empty),
        (#"{"candidates":[{"content":{"role":"model","parts":[{"text":"{\"a\":"}]},"finishReason":"MAX_TOKENS"}]}"#, CloudClientError.malformed),
        ("<html>not json</html>", CloudClientError.malformed),
    ])
    func vertexUnusable(_ body: String, _ code: String) async throws {
        try await LoopbackServer.run(handler: Self.vertexServer { _, _ in .json(body) }) { base, _ in
            do {
                _ = try await Self.vertex(base).generateJSON(system: "s", prompt: "p", schema: .number)
                Issue.record("expected an error")
            } catch let error as CloudClientError {
                #expect(error.code == code)
            }
        }
    }

    @Test("Vertex 429 and 503 are retried; 400 is not")
    func vertexRetries() async throws {
        try await LoopbackServer.run(handler: Self.vertexServer { _, index in
            index == 2 ? .json(#"{"error":{"code":429,"status":"RESOURCE_EXHAUSTED"}}"#, status: 429)
                : index == 3 ? CannedResponse(status: 503) : Fakes.vertexAnswer("{}")
        }) { base, log in
            _ = try await Self.vertex(base).generateJSON(system: "s", prompt: "p", schema: .number)
            #expect(await log.requests.filter { $0.method == "POST" }.count == 3)
        }
        try await LoopbackServer.run(handler: Self.vertexServer { _, _ in
            .json(#"{"error":{"code":400,"status":"INVALID_ARGUMENT"}}"#, status: 400)
        }) { base, log in
            await #expect(throws: CloudClientError.self) { try await Self.vertex(base).generateJSON(system: "s", prompt: "p", schema: .number) }
            #expect(await log.requests.filter { $0.method == "POST" }.count == 1)
        }
    }

    @Test("a Vertex call that hangs times out, is retried, and fails as a timeout")
    func vertexTimeout() async throws {
        try await LoopbackServer.run(handler: Self.vertexServer { _, _ in Fakes.vertexAnswer("{}").delayed(.seconds(2)) }) { base, log in
            do {
                _ = try await Self.vertex(base, timeout: .milliseconds(200)).generateJSON(system: "s", prompt: "p", schema: .number)
                Issue.record("expected an error")
            } catch let error as CloudClientError {
                #expect(error.code == CloudClientError.timeout)
            }
            #expect(await log.requests.filter { $0.method == "POST" }.count == 3)
        }
    }

    static func bedrock(_ base: String, region: String = "eu-west-1", model: String? = nil) throws -> BedrockRuntimeClient {
        var env = ["AWS_ENDPOINT_URL_BEDROCK_RUNTIME": base, "BEDROCK_REGION": region, "AWS_REGION": "us-east-1"]
        env["BEDROCK_MODEL_ID"] = model
        let credentials = StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDFAKEBEDROCK", secretAccessKey: "fake-test-secret"))
        var client = try #require(try BedrockRuntimeClient.fromEnvironment(env, credentials: credentials))
        client.client.retryPolicy = fastRetries
        return client
    }

    @Test("InvokeModel: model id in the path encoded once (signed double-encoded), SigV4 for BEDROCK_REGION, Messages body")
    func bedrockRequestShape() async throws {
        try await LoopbackServer.run(handler: { _, _ in Fakes.claudeAnswer("hello") }) { base, log in
            let client = try Self.bedrock(base)
            #expect(client.modelId == "eu.anthropic.claude-sonnet-4-20250514-v1:0")
            let answer = try await client.invoke(system: "be brief", prompt: "hi")
            #expect(answer.text == "hello" && answer.inputTokens == 2000 && answer.outputTokens == 500)
            let call = try #require(await log.requests.first)
            #expect(call.path == "/model/eu.anthropic.claude-sonnet-4-20250514-v1%3A0/invoke")
            let authorization = try #require(call.header("Authorization"))
            #expect(authorization.contains("/eu-west-1/bedrock/aws4_request"))
            let body = Fakes.json(call)
            #expect(body["anthropic_version"] as? String == "bedrock-2023-05-31")
            #expect(body["system"] as? String == "be brief")
            #expect((body["max_tokens"] as? Int ?? 0) > 0)
            let message = try #require((body["messages"] as? [[String: Any]])?.first)
            #expect(message["role"] as? String == "user")
            #expect(((message["content"] as? [[String: Any]])?.first?["text"]) as? String == "hi")
        }
    }

    @Test("BEDROCK_MODEL_ID is used exactly as given")
    func bedrockModelIdAsGiven() async throws {
        try await LoopbackServer.run(handler: { _, _ in Fakes.claudeAnswer("ok") }) { base, log in
            _ = try await Self.bedrock(base, model: "arn:aws:bedrock:eu-west-1:123456789012:inference-profile/custom-1").invoke(system: "s", prompt: "p")
            #expect(await log.requests.first?.path == "/model/arn%3Aaws%3Abedrock%3Aeu-west-1%3A123456789012%3Ainference-profile%2Fcustom-1/invoke")
        }
    }

    @Test("default model: Claude Sonnet 4's inference profile for the region's geography", arguments: [
        ("us-east-1", "us.anthropic.claude-sonnet-4-20250514-v1:0"), ("us-west-2", "us.anthropic.claude-sonnet-4-20250514-v1:0"),
        ("eu-central-1", "eu.anthropic.claude-sonnet-4-20250514-v1:0"), ("ap-northeast-1", "apac.anthropic.claude-sonnet-4-20250514-v1:0"),
    ])
    func defaultModel(_ region: String, _ expected: String) {
        #expect(BedrockRuntimeClient.defaultModelId(region: region) == expected)
    }

    @Test("ThrottlingException, ModelNotReadyException and 5xx are retried; ValidationException is not")
    func bedrockRetries() async throws {
        try await LoopbackServer.run(handler: { _, index in
            switch index {
            case 1: Fakes.bedrockError("ThrottlingException", status: 429)
            case 2: Fakes.bedrockError("ModelNotReadyException", status: 429)
            default: Fakes.claudeAnswer("fine")
            }
        }) { base, log in
            let text = try await Self.bedrock(base).invoke(system: "s", prompt: "p").text
            #expect(text == "fine")
            #expect(await log.count == 3)
        }
        try await LoopbackServer.run(handler: { _, _ in Fakes.bedrockError("ServiceUnavailableException", status: 503) }) { base, log in
            await #expect(throws: CloudClientError.self) { try await Self.bedrock(base).invoke(system: "s", prompt: "p") }
            #expect(await log.count == 3)
        }
        try await LoopbackServer.run(handler: { _, _ in Fakes.bedrockError("ValidationException", status: 400) }) { base, log in
            do {
                _ = try await Self.bedrock(base).invoke(system: "s", prompt: "p")
                Issue.record("expected an error")
            } catch let error as CloudClientError {
                #expect(error.message.contains("ValidationException"))
            }
            #expect(await log.count == 1)
        }
    }

    @Test("a Messages answer without text, or cut at max_tokens, is an error")
    func bedrockUnusable() async throws {
        try await LoopbackServer.run(handler: { _, index in
            index == 1 ? Fakes.claudeAnswer("   ") : Fakes.claudeAnswer("{\"half\":", stopReason: "max_tokens")
        }) { base, _ in
            let client = try Self.bedrock(base)
            await #expect(throws: CloudClientError.self) { try await client.invoke(system: "s", prompt: "p") }
            await #expect(throws: CloudClientError.self) { try await client.invoke(system: "s", prompt: "p") }
        }
    }
}

extension CannedResponse {
    func delayed(_ delay: Duration) -> CannedResponse {
        var copy = self
        copy.delay = delay
        return copy
    }
}
