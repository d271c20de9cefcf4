import Foundation

/// The JSON the ECS container endpoint and IMDS answer with.
struct TemporaryCredentialsJSON: Decodable {
    var AccessKeyId: String
    var SecretAccessKey: String
    var Token: String?
    var Expiration: String?
    var Code: String?

    static func decode(_ body: [UInt8], from source: String) throws -> AWSCredentials {
        guard let value = try? JSONDecoder().decode(TemporaryCredentialsJSON.self, from: Data(body)) else {
            throw AWSError(code: AWSError.invalidResponse, message: "\(source) answered JSON without AccessKeyId/SecretAccessKey")
        }
        if let code = value.Code, code != "Success" {
            throw AWSError(code: AWSError.credentialsUnavailable, message: "\(source) answered Code \(code)")
        }
        guard !value.AccessKeyId.isEmpty, !value.SecretAccessKey.isEmpty else {
            throw AWSError(code: AWSError.invalidResponse, message: "\(source) answered empty credentials")
        }
        return AWSCredentials(accessKeyId: value.AccessKeyId, secretAccessKey: value.SecretAccessKey,
                              sessionToken: value.Token, expiration: value.Expiration.flatMap(ISO8601.parse))
    }
}
