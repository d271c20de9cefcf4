import AWSCore
import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// POSTs JSON (or a form) to a non-AWS HTTPS API with a per-attempt timeout and the same capped,
/// full-jitter backoff as the AWS clients; retries 408/429/5xx and transport failures only.
public struct JSONPoster: Sendable {
    public var http: HTTPClient
    public var retryPolicy: RetryPolicy
    public var timeout: Duration
    public var maxResponseBytes: Int
    public var logger: Logger

    public init(http: HTTPClient = .shared, retryPolicy: RetryPolicy = RetryPolicy(), timeout: Duration = .seconds(60),
                maxResponseBytes: Int = 8 << 20, logger: Logger = Logger(label: "cloud-clients")) {
        self.http = http
        self.retryPolicy = retryPolicy
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
        self.logger = logger
    }

    public struct Answer: Sendable {
        public var status: Int
        public var headers: HTTPHeaders
        public var body: [UInt8]
        public var attempts: Int
    }

    static let retryableStatuses: Set<Int> = [408, 429, 500, 502, 503, 504]

    /// Sends until a non-retryable answer or the attempt limit; returns the last answer (any status).
    /// `headers` is evaluated per attempt (a token may be refreshed between attempts).
    public func post(url: String, headers: @Sendable () async throws -> [(String, String)], body: [UInt8],
                     contentType: String = "application/json", operation: String) async throws -> Answer {
        var attempt = 1
        while true {
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: contentType)
            request.headers.add(name: "Accept", value: "application/json")
            for (name, value) in try await headers() { request.headers.add(name: name, value: value) }
            request.body = .bytes(ByteBuffer(bytes: body))
            let finalRequest = request, http = self.http, limit = maxResponseBytes, timeout = self.timeout
            var retryReason: String
            do {
                let answer = try await withTimeout(timeout) {
                    let response = try await http.execute(finalRequest, timeout: .seconds(Int64(timeout.components.seconds) + 5))
                    var buffer = try await response.body.collect(upTo: limit)
                    return Answer(status: Int(response.status.code), headers: response.headers,
                                  body: buffer.readBytes(length: buffer.readableBytes) ?? [], attempts: 1)
                }
                guard Self.retryableStatuses.contains(answer.status), attempt < retryPolicy.maxAttempts else {
                    var final = answer
                    final.attempts = attempt
                    return final
                }
                retryReason = "HTTP \(answer.status)"
            } catch {
                if Task.isCancelled { throw CancellationError() }
                let timedOut = error is AWSTimeoutError
                guard attempt < retryPolicy.maxAttempts else {
                    throw CloudClientError(timedOut ? CloudClientError.timeout : CloudClientError.network,
                                           "\(operation) failed after \(attempt) attempts: \(timedOut ? "timeout" : "\(type(of: error))")")
                }
                retryReason = timedOut ? "timeout" : "network error"
            }
            let delay = retryPolicy.delay(beforeRetry: attempt, random: Double.random(in: 0..<1))
            logger.info("retrying", metadata: ["operation": "\(operation)", "attempt": "\(attempt)", "reason": "\(retryReason)"])
            try await Task.sleep(for: delay)
            attempt += 1
        }
    }
}
