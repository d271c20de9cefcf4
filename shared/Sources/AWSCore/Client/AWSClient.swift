import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// One answer from a service, body read in full.
public struct AWSResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]
}

/// Sends signed requests to one AWS service in one region: endpoint resolution, SigV4 signing on every
/// attempt, a per-attempt timeout, standard-mode retries with a shared quota, and error decoding.
public struct AWSClient: Sendable {
    public var service: AWSService
    public var region: String
    public var endpoint: AWSEndpoint
    /// nil sends the request unsigned (STS `AssumeRoleWithWebIdentity` needs no credentials).
    public var credentials: (any AWSCredentialProvider)?
    public var http: HTTPClient
    public var retryPolicy: RetryPolicy
    public var quota: RetryQuota
    public var classifier: RetryClassifier
    /// Limit for one attempt, connection to last byte.
    public var timeout: Duration
    public var maxResponseBytes: Int
    public var logger: Logger

    public init(
        service: AWSService,
        region: String,
        endpoint: AWSEndpoint,
        credentials: (any AWSCredentialProvider)?,
        http: HTTPClient = .shared,
        retryPolicy: RetryPolicy = RetryPolicy(),
        quota: RetryQuota = RetryQuota(),
        classifier: RetryClassifier = RetryClassifier(),
        timeout: Duration = .seconds(30),
        maxResponseBytes: Int = 16 << 20,
        logger: Logger = Logger(label: "aws")
    ) {
        self.service = service
        self.region = region
        self.endpoint = endpoint
        self.credentials = credentials
        self.http = http
        self.retryPolicy = retryPolicy
        self.quota = quota
        self.classifier = classifier
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
        self.logger = logger
    }

    /// Resolves the endpoint from the environment (`AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`, regional default).
    public init(service: AWSService, region: String, credentials: (any AWSCredentialProvider)?,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                http: HTTPClient = .shared, logger: Logger = Logger(label: "aws")) throws {
        let endpoint = try EndpointResolver(environment: environment).resolve(service, region: region)
        self.init(service: service, region: region, endpoint: endpoint, credentials: credentials, http: http, logger: logger)
    }

    // MARK: protocols

    /// AWS JSON 1.1: `POST /`, `X-Amz-Target: <prefix>.<operation>`, JSON in and out.
    public func jsonCall(target: String, body: [UInt8]) async throws -> [UInt8] {
        let response = try await send(method: "POST", path: "/", headers: [
            .init("Content-Type", "application/x-amz-json-1.1"),
            .init("X-Amz-Target", target),
        ], body: body, operation: target)
        return response.body
    }

    /// AWS Query: form-encoded `Action`/`Version` and parameters, XML out.
    public func queryCall(action: String, version: String, parameters: [(String, String)]) async throws -> String {
        let form = ([("Action", action), ("Version", version)] + parameters)
            .map { "\(URIEncoding.encode($0.0))=\(URIEncoding.encode($0.1))" }
            .joined(separator: "&")
        let response = try await send(method: "POST", path: "/", headers: [
            .init("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
        ], body: Array(form.utf8), operation: action)
        return String(decoding: response.body, as: UTF8.self)
    }

    // MARK: sending with retries

    /// Sends one logical call; retries throttling, 5xx and transient network failures as standard mode does.
    public func send(method: String, path: String, query: [SigV4Request.QueryItem] = [], headers: [SigV4Request.Header] = [],
                     body: [UInt8] = [], operation: String) async throws -> AWSResponse {
        var attempt = 1
        var heldTokens: Int?
        while true {
            let failureKind: RetryKind
            let lastError: AWSError
            do {
                let response = try await attemptOnce(method: method, path: path, query: query, headers: headers, body: body)
                if (200..<300).contains(response.status) {
                    await quota.release(heldTokens)
                    return response
                }
                var error = Self.decodeError(response)
                error.attempts = attempt
                guard let kind = classifier.classify(status: response.status, code: error.code) else { throw error }
                failureKind = kind
                lastError = error
            } catch let error as AWSError where error.code != AWSError.network && error.code != AWSError.timeout {
                throw error
            } catch {
                if error is CancellationError || Task.isCancelled { throw CancellationError() }
                let kind = (error as? AWSError).map { $0.code == AWSError.timeout ? RetryKind.timeout : .transient }
                    ?? classifier.classify(error: error)
                let wrapped = Self.wrapTransportError(error, attempts: attempt)
                guard let kind else { throw wrapped }
                failureKind = kind
                lastError = wrapped
            }
            guard attempt < retryPolicy.maxAttempts, let tokens = await quota.acquire(for: failureKind) else {
                throw lastError
            }
            heldTokens = tokens
            let delay = retryPolicy.delay(beforeRetry: attempt, random: Double.random(in: 0..<1))
            logger.debug("retrying AWS call", metadata: [
                "service": "\(service.serviceId)", "operation": "\(operation)", "attempt": "\(attempt)",
                "error": "\(lastError.code)", "delayMs": "\(delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000)",
            ])
            try await Task.sleep(for: delay)
            attempt += 1
        }
    }

    private func attemptOnce(method: String, path: String, query: [SigV4Request.QueryItem], headers: [SigV4Request.Header],
                             body: [UInt8]) async throws -> AWSResponse {
        var request = SigV4Request(method: method, path: endpoint.basePath + path, query: query,
                                   headers: [.init("Host", endpoint.hostHeader)] + headers, body: body)
        if let credentials {
            let resolved: AWSCredentials
            do {
                resolved = try await credentials.credentials()
            } catch let error as AWSError {
                throw AWSError(code: AWSError.credentialsUnavailable, message: error.description)
            }
            request = SigV4Signer(credentials: resolved, region: region, service: service.signingName)
                .signHeaders(request, date: Date()).request
        }
        var outbound = HTTPClientRequest(url: endpoint.url(request.target))
        outbound.method = HTTPMethod(rawValue: method)
        for header in request.headers where header.name.lowercased() != "host" {
            outbound.headers.add(name: header.name, value: header.value)
        }
        outbound.headers.replaceOrAdd(name: "Host", value: endpoint.hostHeader)
        if !body.isEmpty { outbound.body = .bytes(ByteBuffer(bytes: body)) }
        let http = self.http
        let limit = maxResponseBytes
        let deadline = timeout
        let finalRequest = outbound
        return try await withTimeout(deadline) {
            let response = try await http.execute(finalRequest, timeout: .nanoseconds(Int64(deadline.components.seconds) * 1_000_000_000
                + deadline.components.attoseconds / 1_000_000_000))
            var buffer = try await response.body.collect(upTo: limit)
            let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
            return AWSResponse(status: Int(response.status.code), headers: response.headers, body: bytes)
        }
    }

    static func wrapTransportError(_ error: any Error, attempts: Int) -> AWSError {
        if let error = error as? AWSError { var copy = error; copy.attempts = attempts; return copy }
        if error is AWSTimeoutError { return AWSError(code: AWSError.timeout, message: "the call did not finish in time", attempts: attempts) }
        if let error = error as? HTTPClientError, [.deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout].contains(error) {
            return AWSError(code: AWSError.timeout, message: "\(error)", attempts: attempts)
        }
        return AWSError(code: AWSError.network, message: "\(error)", attempts: attempts)
    }

    /// Reads a service error from JSON (`__type`, `message`), the `x-amzn-ErrorType` header, or Query XML (`<Code>`).
    static func decodeError(_ response: AWSResponse) -> AWSError {
        let requestId = response.headers.first(name: "x-amzn-RequestId") ?? response.headers.first(name: "x-amz-request-id")
        var code: String?
        var message: String?
        if let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] {
            code = object["__type"] as? String ?? object["code"] as? String ?? object["Code"] as? String
            message = object["message"] as? String ?? object["Message"] as? String
        } else if !response.body.isEmpty {
            let text = String(decoding: response.body, as: UTF8.self)
            code = XMLText.value(of: "Code", in: text)
            message = XMLText.value(of: "Message", in: text)
        }
        if code == nil, let header = response.headers.first(name: "x-amzn-ErrorType") { code = header }
        let cleaned = code.map { raw -> String in
            var value = Substring(raw)
            if let hash = value.lastIndex(of: "#") { value = value[value.index(after: hash)...] }
            if let colon = value.firstIndex(of: ":") { value = value[..<colon] }
            return String(value)
        }
        return AWSError(code: cleaned.flatMap { $0.isEmpty ? nil : $0 } ?? "HTTP\(response.status)",
                        message: String((message ?? "the service answered HTTP \(response.status)").prefix(500)),
                        status: response.status, requestId: requestId)
    }
}
