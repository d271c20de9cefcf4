/// Failures of the LLM and Google clients, with stable codes. Messages never hold a token, a key or a prompt.
public struct CloudClientError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: String
    public var message: String
    public var status: Int?

    public init(_ code: String, _ message: String, status: Int? = nil) {
        self.code = code
        self.message = message
        self.status = status
    }

    public var description: String { status.map { "\(code): \(message) (HTTP \($0))" } ?? "\(code): \(message)" }

    public static let notConfigured = "not_configured"
    public static let authUnavailable = "auth_unavailable"
    public static let http = "http_error"
    public static let timeout = "timeout"
    public static let network = "network_error"
    public static let blocked = "blocked"
    public static let empty = "empty_answer"
    public static let malformed = "malformed_answer"
    public static let invalidTerraform = "invalid_terraform"
}
