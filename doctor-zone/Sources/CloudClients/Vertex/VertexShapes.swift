/// Vertex AI `generateContent` (REST v1) request and response, the fields we use.
public enum VertexShapes {
    public struct Part: Codable, Sendable, Hashable {
        public var text: String?
    }

    public struct Content: Codable, Sendable, Hashable {
        public var role: String?
        public var parts: [Part]?
    }

    public struct GenerationConfig: Codable, Sendable {
        public var temperature: Double?
        public var maxOutputTokens: Int?
        public var responseMimeType: String?
        public var responseSchema: JSONSchema?
    }

    public struct Request: Codable, Sendable {
        public var contents: [Content]
        public var systemInstruction: Content?
        public var generationConfig: GenerationConfig?
    }

    public struct Candidate: Codable, Sendable {
        public var content: Content?
        public var finishReason: String?
    }

    public struct PromptFeedback: Codable, Sendable {
        public var blockReason: String?
        public var blockReasonMessage: String?
    }

    public struct UsageMetadata: Codable, Sendable {
        public var promptTokenCount: Int?
        public var candidatesTokenCount: Int?
        public var totalTokenCount: Int?
    }

    public struct Response: Codable, Sendable {
        public var candidates: [Candidate]?
        public var promptFeedback: PromptFeedback?
        public var usageMetadata: UsageMetadata?
        public var modelVersion: String?
    }
}

/// The OpenAPI-subset `Schema` object Vertex takes as `responseSchema` (types upper-case as in the REST reference).
public indirect enum JSONSchema: Codable, Sendable, Hashable {
    case string(enumValues: [String]? = nil, nullable: Bool = false)
    case number
    case array(JSONSchema)
    case object(properties: [String: JSONSchema], required: [String])

    enum CodingKeys: String, CodingKey { case type, properties, required, items, `enum`, nullable, propertyOrdering }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .string(let values, let nullable):
            try container.encode("STRING", forKey: .type)
            try container.encodeIfPresent(values, forKey: .enum)
            if nullable { try container.encode(true, forKey: .nullable) }
        case .number:
            try container.encode("NUMBER", forKey: .type)
        case .array(let items):
            try container.encode("ARRAY", forKey: .type)
            try container.encode(items, forKey: .items)
        case .object(let properties, let required):
            try container.encode("OBJECT", forKey: .type)
            try container.encode(properties, forKey: .properties)
            try container.encode(required, forKey: .required)
            try container.encode(properties.keys.sorted(), forKey: .propertyOrdering)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "STRING": self = .string(enumValues: try container.decodeIfPresent([String].self, forKey: .enum),
                                      nullable: try container.decodeIfPresent(Bool.self, forKey: .nullable) ?? false)
        case "NUMBER": self = .number
        case "ARRAY": self = .array(try container.decode(JSONSchema.self, forKey: .items))
        default: self = .object(properties: try container.decode([String: JSONSchema].self, forKey: .properties),
                                required: try container.decode([String].self, forKey: .required))
        }
    }
}
