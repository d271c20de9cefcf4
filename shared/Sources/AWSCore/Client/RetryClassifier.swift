import AsyncHTTPClient
import NIOCore
import NIOPosix

/// Tells which failures are worth another attempt: throttling, 5xx and transient network errors; nothing else.
public struct RetryClassifier: Sendable {
    /// Error codes the SDKs treat as throttling.
    public static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
    ]
    /// Error codes the SDKs treat as transient.
    public static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "ServiceUnavailable",
        "ServiceUnavailableException", "InternalServerException", "IDPCommunicationError",
    ]
    public static let transientStatuses: Set<Int> = [500, 502, 503, 504]

    /// Extra codes a service adds (e.g. Bedrock's `ModelNotReadyException`).
    public var extraRetryableCodes: Set<String>

    public init(extraRetryableCodes: Set<String> = []) {
        self.extraRetryableCodes = extraRetryableCodes
    }

    public func classify(status: Int, code: String?) -> RetryKind? {
        if let code {
            if Self.throttlingCodes.contains(code) { return .throttling }
            if Self.transientCodes.contains(code) || extraRetryableCodes.contains(code) { return .transient }
        }
        if status == 429 { return .throttling }
        if Self.transientStatuses.contains(status) { return .transient }
        return nil
    }

    /// Network failures: timeouts, refused/reset connections, a connection closed mid-answer.
    public func classify(error: any Error) -> RetryKind? {
        if error is CancellationError { return nil }
        if let error = error as? HTTPClientError {
            if [.deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout].contains(error) { return .timeout }
            if [.remoteConnectionClosed, .getConnectionFromPoolTimeout].contains(error) { return .transient }
            return nil
        }
        if error is NIOConnectionError || error is IOError || error is ChannelError { return .transient }
        if error is AWSTimeoutError { return .timeout }
        return nil
    }
}

/// A call did not finish within its per-call timeout.
public struct AWSTimeoutError: Error, Sendable, CustomStringConvertible {
    public var description: String { "aws.timeout: the call did not finish in time" }
    public init() {}
}
