/// One link of the credential chain.
public protocol CredentialSource: Sendable {
    /// Short name for logs and errors, e.g. `environment`, `web-identity`, `imds`.
    var name: String { get }
    /// nil when this link is not configured here (the chain moves on);
    /// throws when it is configured but fails (the chain stops and says why).
    func resolve() async throws -> AWSCredentials?
}
