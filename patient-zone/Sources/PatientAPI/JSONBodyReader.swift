import Foundation
import Hummingbird
import NIOCore

/// Reads a JSON request body: `application/json` only (415), at most `maxBytes` (413), valid
/// UTF-8 JSON of the expected shape (400 naming the field). Unknown fields are ignored.
public struct JSONBodyReader: Sendable {
    public let maxBytes: Int

    public init(maxBytes: Int) {
        self.maxBytes = maxBytes
    }

    public func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        guard Self.isJSON(request.headers[.contentType]) else { throw APIError.unsupportedMediaType }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBytes {
            throw APIError.payloadTooLarge
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maxBytes)
        } catch is NIOTooManyBytesError {
            throw APIError.payloadTooLarge
        }
        let data = Data(buffer.readableBytesView)
        guard String(validating: data, as: UTF8.self) != nil else {
            throw APIError.invalidRequest("the body is not valid UTF-8")
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw Self.apiError(for: error)
        } catch {
            throw APIError.invalidRequest("the body is not valid JSON")
        }
    }

    /// `application/json`, optionally with parameters; a charset other than UTF-8 is refused.
    static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard parts.first == "application/json" else { return false }
        for parameter in parts.dropFirst() where parameter.hasPrefix("charset=") {
            let charset = parameter.dropFirst("charset=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            if charset != "utf-8" && charset != "utf8" { return false }
        }
        return true
    }

    static func apiError(for error: DecodingError) -> APIError {
        switch error {
        case .keyNotFound(let key, _):
            return .invalidRequest("\(key.stringValue) is required", field: key.stringValue)
        case .valueNotFound(_, let context):
            let field = context.codingPath.first?.stringValue
            return .invalidRequest("\(field ?? "the body") is required", field: field)
        case .typeMismatch(let type, let context):
            guard let field = context.codingPath.first?.stringValue else {
                return .invalidRequest("the body must be a JSON object")
            }
            return .invalidRequest("\(field) must be a \(type == String.self ? "string" : "\(type)")", field: field)
        case .dataCorrupted(let context):
            if let field = context.codingPath.first?.stringValue {
                return .invalidRequest("\(field) is not valid", field: field)
            }
            return .invalidRequest("the body is not valid JSON")
        @unknown default:
            return .invalidRequest("the body is not valid JSON")
        }
    }
}

struct SignupRequest: Decodable, Sendable {
    let email: String
    let password: String
    let name: String?
}

struct LoginRequest: Decodable, Sendable {
    let email: String
    let password: String
}
