import Foundation

/// ECS/EKS container credentials: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (on `169.254.170.2`) or
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI`, with `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` or
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN` sent as `Authorization`.
public struct ContainerCredentialSource: CredentialSource {
    public let name = "container"
    public var environment: [String: String]
    public var fetch: HTTPFetch

    public init(environment: [String: String], fetch: HTTPFetch = HTTPFetch(timeout: .seconds(2))) {
        self.environment = environment
        self.fetch = fetch
    }

    /// Hosts a plain-http FULL_URI may name (as the SDKs allow): loopback and the ECS/EKS link-local agents.
    static let allowedHTTPHosts: Set<String> = ["127.0.0.1", "localhost", "[::1]", "169.254.170.2", "169.254.170.23", "[fd00:ec2::23]"]

    func url() throws -> String? {
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"], !relative.isEmpty {
            return "http://169.254.170.2" + (relative.hasPrefix("/") ? relative : "/" + relative)
        }
        guard let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"], !full.isEmpty else { return nil }
        guard let endpoint = AWSEndpoint(url: full) else {
            throw AWSError(code: AWSError.invalidConfiguration, message: "AWS_CONTAINER_CREDENTIALS_FULL_URI is not an http(s) URL")
        }
        let host = endpoint.host.lowercased()
        guard endpoint.scheme == "https" || Self.allowedHTTPHosts.contains(host) || host.hasPrefix("127.") else {
            throw AWSError(code: AWSError.invalidConfiguration,
                           message: "AWS_CONTAINER_CREDENTIALS_FULL_URI over http must name a loopback or ECS/EKS agent host")
        }
        return full
    }

    func authorization() throws -> String? {
        if let path = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"], !path.isEmpty {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw AWSError(code: AWSError.credentialsUnavailable, message: "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE cannot be read")
            }
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public func resolve() async throws -> AWSCredentials? {
        guard let url = try url() else { return nil }
        var headers = [("Accept", "application/json")]
        if let token = try authorization() {
            guard !token.contains("\r"), !token.contains("\n") else {
                throw AWSError(code: AWSError.invalidConfiguration, message: "container authorization token has a line break")
            }
            headers.append(("Authorization", token))
        }
        let response: HTTPFetch.Response
        do {
            response = try await fetch(.GET, url, headers: headers)
        } catch {
            throw AWSError(code: AWSError.credentialsUnavailable, message: "container credentials endpoint unreachable: \(error)")
        }
        guard response.status == 200 else {
            throw AWSError(code: AWSError.credentialsUnavailable,
                           message: "container credentials endpoint answered HTTP \(response.status)", status: response.status)
        }
        return try TemporaryCredentialsJSON.decode(response.body, from: "container credentials endpoint")
    }
}
