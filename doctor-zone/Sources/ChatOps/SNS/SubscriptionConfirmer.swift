import AsyncHTTPClient
import NIOCore

/// Visits a SubscribeURL (after the message was verified) to confirm an SNS subscription.
public protocol SubscriptionConfirming: Sendable {
    func confirm(subscribeURL: String) async throws
}

public struct HTTPSubscriptionConfirmer: SubscriptionConfirming {
    private let http: HTTPClient
    private let timeout: TimeAmount

    public init(httpClient: HTTPClient, timeout: TimeAmount = .seconds(10)) {
        self.http = httpClient
        self.timeout = timeout
    }

    public func confirm(subscribeURL: String) async throws {
        let response = try await http.execute(HTTPClientRequest(url: subscribeURL), timeout: timeout)
        _ = try await response.body.collect(upTo: 64 * 1024)
        guard response.status == .ok else { throw SNSError.untrustedSubscribeURL }
    }
}
