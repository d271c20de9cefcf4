import Foundation

/// AWS STS over the Query protocol (API version 2011-06-15): `AssumeRoleWithWebIdentity`.
public struct STSClient: Sendable {
    public static let apiVersion = "2011-06-15"
    public var client: AWSClient

    /// `client` should be unsigned (credentials nil): this call authenticates with the web identity token.
    public init(client: AWSClient) {
        self.client = client
    }

    /// Exchanges an OIDC token for temporary credentials of `roleArn`.
    public func assumeRoleWithWebIdentity(roleArn: String, sessionName: String, webIdentityToken: String,
                                          durationSeconds: Int? = nil) async throws -> AWSCredentials {
        var parameters = [("RoleArn", roleArn), ("RoleSessionName", sessionName), ("WebIdentityToken", webIdentityToken)]
        if let durationSeconds { parameters.append(("DurationSeconds", String(durationSeconds))) }
        let xml = try await client.queryCall(action: "AssumeRoleWithWebIdentity", version: Self.apiVersion, parameters: parameters)
        return try Self.parseCredentials(xml)
    }

    /// Reads `<Credentials>` (AccessKeyId, SecretAccessKey, SessionToken, Expiration) from an STS answer.
    public static func parseCredentials(_ xml: String) throws -> AWSCredentials {
        guard let accessKeyId = XMLText.value(of: "AccessKeyId", in: xml, within: "Credentials"),
              let secret = XMLText.value(of: "SecretAccessKey", in: xml, within: "Credentials"),
              let token = XMLText.value(of: "SessionToken", in: xml, within: "Credentials"),
              !accessKeyId.isEmpty, !secret.isEmpty
        else {
            throw AWSError(code: AWSError.invalidResponse, message: "STS answer has no Credentials element")
        }
        let expiration = XMLText.value(of: "Expiration", in: xml, within: "Credentials").flatMap(ISO8601.parse)
        return AWSCredentials(accessKeyId: accessKeyId.trimmingCharacters(in: .whitespacesAndNewlines),
                              secretAccessKey: secret.trimmingCharacters(in: .whitespacesAndNewlines),
                              sessionToken: token.trimmingCharacters(in: .whitespacesAndNewlines), expiration: expiration)
    }
}

/// ISO 8601 timestamps as AWS writes them (`2026-11-27T18:00:00Z`, with or without fractional seconds).
enum ISO8601 {
    static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(trimmed) { return date }
        return try? Date.ISO8601FormatStyle().parse(trimmed)
    }
}
