/// The Anthropic Messages body Bedrock `InvokeModel` takes for Claude (`anthropic_version: bedrock-2023-05-31`),
/// and its answer; the fields we use.
public enum AnthropicMessages {
    public static let bedrockVersion = "bedrock-2023-05-31"

    public struct ContentBlock: Codable, Sendable, Hashable {
        public var type: String
        public var text: String?
        public init(text: String) {
            type = "text"
            self.text = text
        }
    }

    public struct Message: Codable, Sendable, Hashable {
        public var role: String
        public var content: [ContentBlock]
    }

    public struct Request: Codable, Sendable {
        public var anthropic_version: String
        public var max_tokens: Int
        public var system: String?
        public var messages: [Message]
        public var temperature: Double?
    }

    public struct Usage: Codable, Sendable {
        public var input_tokens: Int?
        public var output_tokens: Int?
    }

    public struct Response: Codable, Sendable {
        public var id: String?
        public var type: String?
        public var role: String?
        public var content: [ContentBlock]?
        public var stop_reason: String?
        public var usage: Usage?
    }
}
