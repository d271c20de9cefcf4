import AWSCore
import AsyncHTTPClient
import Foundation
import Logging

/// What one model call produced: the text and the tokens it cost.
public struct ModelAnswer: Sendable, Hashable {
    public var text: String
    public var inputTokens: Int
    public var outputTokens: Int
    /// The model that answered, as the caller names it (`vertex:…`, `bedrock:…`).
    public var model: String
}

/// Vertex AI `generateContent` (REST v1):
/// `POST {base}/v1/projects/{project}/locations/{location}/publishers/google/models/{model}:generateContent`
/// with a bearer token. `base` is `VERTEX_ENDPOINT` or `https://{location}-aiplatform.googleapis.com`.
public struct VertexAIClient: Sendable {
    public var project: String
    public var location: String
    public var model: String
    public var baseURL: String
    public var tokens: GoogleAccessTokenProvider
    public var poster: JSONPoster

    public init(project: String, location: String, model: String, baseURL: String? = nil, tokens: GoogleAccessTokenProvider,
                poster: JSONPoster = JSONPoster()) {
        self.project = project
        self.location = location
        self.model = model
        var base = baseURL ?? (location == "global" ? "https://aiplatform.googleapis.com" : "https://\(location)-aiplatform.googleapis.com")
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.tokens = tokens
        self.poster = poster
    }

    public static let defaultModel = "gemini-2.0-flash"

    /// From `GOOGLE_CLOUD_PROJECT`, `VERTEX_LOCATION` (default us-central1), `VERTEX_MODEL`, `VERTEX_ENDPOINT`,
    /// and Google credentials; nil when no project is configured.
    public static func fromEnvironment(_ environment: [String: String], http: HTTPClient = .shared,
                                       poster: JSONPoster? = nil) throws -> VertexAIClient? {
        guard let project = environment["GOOGLE_CLOUD_PROJECT"], !project.isEmpty else { return nil }
        func value(_ key: String) -> String? { environment[key].flatMap { $0.isEmpty ? nil : $0 } }
        return VertexAIClient(project: project, location: value("VERTEX_LOCATION") ?? "us-central1",
                              model: value("VERTEX_MODEL") ?? defaultModel, baseURL: value("VERTEX_ENDPOINT"),
                              tokens: try GoogleAccessTokenProvider.fromEnvironment(environment, http: http),
                              poster: poster ?? JSONPoster(http: http))
    }

    public var name: String { "vertex:\(model)" }

    var url: String {
        "\(baseURL)/v1/projects/\(URIEncoding.encode(project))/locations/\(URIEncoding.encode(location))"
            + "/publishers/google/models/\(URIEncoding.encode(model)):generateContent"
    }

    /// One `generateContent` call asking for JSON that follows `schema`; returns the JSON text.
    public func generateJSON(system: String, prompt: String, schema: JSONSchema, maxOutputTokens: Int = 2048) async throws -> ModelAnswer {
        let request = VertexShapes.Request(
            contents: [.init(role: "user", parts: [.init(text: prompt)])],
            systemInstruction: .init(role: nil, parts: [.init(text: system)]),
            generationConfig: .init(temperature: 0.2, maxOutputTokens: maxOutputTokens, responseMimeType: "application/json",
                                    responseSchema: schema))
        let body = try JSONEncoder().encode(request)
        let tokens = self.tokens
        let answer = try await poster.post(url: url, headers: { [("Authorization", "Bearer \(try await tokens.token())")] },
                                           body: Array(body), operation: "vertex.generateContent")
        guard answer.status == 200 else {
            throw CloudClientError(CloudClientError.http, "Vertex AI answered an error after \(answer.attempts) attempts", status: answer.status)
        }
        return try Self.parse(answer.body, model: name)
    }

    /// The text of the first candidate; blocked, cut-off and empty answers are errors with their reason.
    static func parse(_ body: [UInt8], model: String) throws -> ModelAnswer {
        guard let response = try? JSONDecoder().decode(VertexShapes.Response.self, from: Data(body)) else {
            throw CloudClientError(CloudClientError.malformed, "Vertex AI answered something that is not a GenerateContentResponse")
        }
        if let reason = response.promptFeedback?.blockReason {
            throw CloudClientError(CloudClientError.blocked, "Vertex AI blocked the prompt (\(reason.prefix(40)))")
        }
        guard let candidate = response.candidates?.first else {
            throw CloudClientError(CloudClientError.empty, "Vertex AI answered no candidates")
        }
        let reason = candidate.finishReason ?? "STOP"
        if ["SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII"].contains(reason) {
            throw CloudClientError(CloudClientError.blocked, "Vertex AI stopped the answer (\(reason))")
        }
        let text = (candidate.content?.parts ?? []).compactMap(\.text).joined()
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw CloudClientError(CloudClientError.empty, "Vertex AI answered an empty candidate (\(reason.prefix(40)))")
        }
        if reason == "MAX_TOKENS" {
            throw CloudClientError(CloudClientError.malformed, "Vertex AI's answer was cut off at the token limit")
        }
        return ModelAnswer(text: text, inputTokens: response.usageMetadata?.promptTokenCount ?? 0,
                           outputTokens: response.usageMetadata?.candidatesTokenCount ?? 0, model: model)
    }
}
