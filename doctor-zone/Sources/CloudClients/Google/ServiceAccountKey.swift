import Foundation

/// The fields of a Google service-account JSON key that the JWT-bearer flow needs.
public struct ServiceAccountKey: Decodable, Sendable {
    public var type: String
    public var clientEmail: String
    public var privateKey: String
    public var privateKeyId: String?
    public var tokenURI: String
    public var projectId: String?

    enum CodingKeys: String, CodingKey {
        case type
        case clientEmail = "client_email"
        case privateKey = "private_key"
        case privateKeyId = "private_key_id"
        case tokenURI = "token_uri"
        case projectId = "project_id"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(String.self, forKey: .type)
        clientEmail = try container.decode(String.self, forKey: .clientEmail)
        privateKey = try container.decode(String.self, forKey: .privateKey)
        privateKeyId = try container.decodeIfPresent(String.self, forKey: .privateKeyId)
        tokenURI = try container.decodeIfPresent(String.self, forKey: .tokenURI) ?? "https://oauth2.googleapis.com/token"
        projectId = try container.decodeIfPresent(String.self, forKey: .projectId)
    }

    /// Reads and checks a key file; the error never quotes the file's content.
    public static func load(path: String) throws -> ServiceAccountKey {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CloudClientError(CloudClientError.authUnavailable, "GOOGLE_APPLICATION_CREDENTIALS cannot be read")
        }
        guard let key = try? JSONDecoder().decode(ServiceAccountKey.self, from: data) else {
            throw CloudClientError(CloudClientError.authUnavailable, "GOOGLE_APPLICATION_CREDENTIALS is not a service-account JSON key")
        }
        guard key.type == "service_account" else {
            throw CloudClientError(CloudClientError.authUnavailable, "GOOGLE_APPLICATION_CREDENTIALS has type \(key.type.prefix(40)), not service_account")
        }
        guard let url = URL(string: key.tokenURI), let scheme = url.scheme,
              scheme == "https" || (scheme == "http" && ["127.0.0.1", "localhost"].contains(url.host ?? "")) else {
            throw CloudClientError(CloudClientError.authUnavailable, "the key's token_uri must be https")
        }
        return key
    }
}
