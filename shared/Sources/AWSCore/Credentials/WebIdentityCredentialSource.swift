import Foundation

/// Where a web identity (OIDC) token comes from.
public protocol WebIdentityTokenSource: Sendable {
    /// nil when there is no token source here; throws when there is one but it fails.
    func token() async throws -> String?
}

/// The token in a file (`AWS_WEB_IDENTITY_TOKEN_FILE`, EKS/IRSA, GitHub OIDC), read fresh on each call.
public struct FileWebIdentityTokenSource: WebIdentityTokenSource {
    public var path: String
    public init(path: String) { self.path = path }

    public func token() async throws -> String? {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AWSError(code: AWSError.credentialsUnavailable, message: "web identity token file cannot be read: \(path)")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else {
            throw AWSError(code: AWSError.credentialsUnavailable, message: "web identity token file is empty: \(path)")
        }
        return token
    }
}

/// A Google-signed ID token from the GCE/Cloud Run metadata server (the keyless Cloud Run → AWS link).
/// Answers nil when no metadata server answers.
public struct GoogleMetadataIdentityTokenSource: WebIdentityTokenSource {
    public var metadataHost: String
    public var audience: String
    public var fetch: HTTPFetch

    /// `GCE_METADATA_HOST` (default `metadata.google.internal`), audience `DOCTOR_AWS_AUDIENCE` (default `sts.amazonaws.com`).
    public init(environment: [String: String], fetch: HTTPFetch = HTTPFetch(timeout: .seconds(2))) {
        metadataHost = environment["GCE_METADATA_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "metadata.google.internal"
        audience = environment["DOCTOR_AWS_AUDIENCE"].flatMap { $0.isEmpty ? nil : $0 } ?? "sts.amazonaws.com"
        self.fetch = fetch
    }

    public func token() async throws -> String? {
        let url = "http://\(metadataHost)/computeMetadata/v1/instance/service-accounts/default/identity"
            + "?audience=\(URIEncoding.encode(audience))&format=full"
        let response: HTTPFetch.Response
        do {
            response = try await fetch(.GET, url, headers: [("Metadata-Flavor", "Google")])
        } catch {
            return nil  // no metadata server: not on GCP
        }
        guard response.status == 200, response.headers.first(name: "Metadata-Flavor") == "Google" else {
            if response.headers.first(name: "Metadata-Flavor") != "Google" { return nil }
            throw AWSError(code: AWSError.credentialsUnavailable,
                           message: "metadata server refused the identity token (HTTP \(response.status))", status: response.status)
        }
        let token = response.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard token.split(separator: ".").count == 3 else {
            throw AWSError(code: AWSError.invalidResponse, message: "metadata server answered something that is not a JWT")
        }
        return token
    }
}

/// `AssumeRoleWithWebIdentity` with a token from a `WebIdentityTokenSource`.
public struct WebIdentityCredentialSource: CredentialSource {
    public let name: String
    public var roleArn: String
    public var sessionName: String
    public var tokenSource: any WebIdentityTokenSource
    public var sts: STSClient

    public init(name: String = "web-identity", roleArn: String, sessionName: String, tokenSource: any WebIdentityTokenSource, sts: STSClient) {
        self.name = name
        self.roleArn = roleArn
        self.sessionName = sessionName
        self.tokenSource = tokenSource
        self.sts = sts
    }

    public func resolve() async throws -> AWSCredentials? {
        guard let token = try await tokenSource.token() else { return nil }
        return try await sts.assumeRoleWithWebIdentity(roleArn: roleArn, sessionName: sessionName, webIdentityToken: token)
    }
}
