import Foundation

/// EC2 instance profile credentials over IMDSv2 only: `PUT /latest/api/token`, then the role name and its
/// credentials with `X-aws-ec2-metadata-token`. `AWS_EC2_METADATA_SERVICE_ENDPOINT` overrides the address;
/// `AWS_EC2_METADATA_DISABLED=true` turns the link off. Not on EC2 (nothing answers) → nil.
public struct InstanceMetadataCredentialSource: CredentialSource {
    public let name = "imds"
    public var endpoint: String
    public var disabled: Bool
    public var fetch: HTTPFetch
    public var tokenTTLSeconds: Int

    public init(environment: [String: String], fetch: HTTPFetch = HTTPFetch(timeout: .seconds(1)), tokenTTLSeconds: Int = 21600) {
        var endpoint = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 } ?? "http://169.254.169.254"
        while endpoint.hasSuffix("/") { endpoint.removeLast() }
        self.endpoint = endpoint
        disabled = environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true"
        self.fetch = fetch
        self.tokenTTLSeconds = tokenTTLSeconds
    }

    public func resolve() async throws -> AWSCredentials? {
        if disabled { return nil }
        let tokenResponse: HTTPFetch.Response
        do {
            tokenResponse = try await fetch(.PUT, "\(endpoint)/latest/api/token",
                                            headers: [("X-aws-ec2-metadata-token-ttl-seconds", String(tokenTTLSeconds))])
        } catch {
            return nil  // no metadata service: not on EC2
        }
        guard tokenResponse.status == 200, !tokenResponse.body.isEmpty else {
            throw AWSError(code: AWSError.credentialsUnavailable, message: "IMDS refused a session token (HTTP \(tokenResponse.status))",
                           status: tokenResponse.status)
        }
        let token = [("X-aws-ec2-metadata-token", tokenResponse.text.trimmingCharacters(in: .whitespacesAndNewlines))]
        let base = "\(endpoint)/latest/meta-data/iam/security-credentials/"
        let roles = try await fetch(.GET, base, headers: token)
        guard roles.status == 200,
              let role = roles.text.split(whereSeparator: \.isNewline).first.map(String.init), !role.isEmpty else {
            if roles.status == 404 { return nil }  // an instance without a role
            throw AWSError(code: AWSError.credentialsUnavailable, message: "IMDS has no instance profile role (HTTP \(roles.status))")
        }
        let answer = try await fetch(.GET, base + URIEncoding.encode(role), headers: token)
        guard answer.status == 200 else {
            throw AWSError(code: AWSError.credentialsUnavailable, message: "IMDS credentials answered HTTP \(answer.status)", status: answer.status)
        }
        return try TemporaryCredentialsJSON.decode(answer.body, from: "IMDS")
    }
}
