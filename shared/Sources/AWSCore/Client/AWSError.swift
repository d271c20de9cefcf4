/// Every failure an AWS call reports: the service's own error code (`ThrottlingException`,
/// `ResourceNotFoundException`, …) or one of ours (`NetworkError`, `Timeout`, `InvalidResponse`,
/// `CredentialsUnavailable`, `InvalidConfiguration`). Never holds a secret or a request body.
public struct AWSError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: String
    public var message: String
    /// The HTTP status, when an answer came.
    public var status: Int?
    public var requestId: String?
    /// How many attempts were made.
    public var attempts: Int

    public init(code: String, message: String, status: Int? = nil, requestId: String? = nil, attempts: Int = 1) {
        self.code = code
        self.message = message
        self.status = status
        self.requestId = requestId
        self.attempts = attempts
    }

    public var description: String {
        var text = "\(code): \(message)"
        if let status { text += " (HTTP \(status))" }
        if attempts > 1 { text += " after \(attempts) attempts" }
        return text
    }

    public static let network = "NetworkError"
    public static let timeout = "Timeout"
    public static let invalidResponse = "InvalidResponse"
    public static let credentialsUnavailable = "CredentialsUnavailable"
    public static let invalidConfiguration = "InvalidConfiguration"
}
