import AsyncHTTPClient
import Foundation
import Logging
import NIOCore

/// Slack Web API and `response_url` delivery over AsyncHTTPClient, with retries and job-id logs.
public struct SlackHTTPClient: SlackAPI {
    public let apiURL: String
    private let botToken: String?
    private let allowedResponseURLPrefixes: [String]
    private let http: HTTPClient
    private let retry: RetryPolicy
    private let timeout: TimeAmount
    private let logger: Logger

    public init(apiURL: String = "https://slack.com/api", botToken: String?, allowedResponseURLPrefixes: [String] = ["https://hooks.slack.com/"],
                httpClient: HTTPClient, retry: RetryPolicy = RetryPolicy(), timeout: TimeAmount = .seconds(10), logger: Logger)
    {
        self.apiURL = apiURL.hasSuffix("/") ? String(apiURL.dropLast()) : apiURL
        self.botToken = botToken.flatMap { $0.isEmpty ? nil : $0 }
        self.allowedResponseURLPrefixes = allowedResponseURLPrefixes
        self.http = httpClient
        self.retry = retry
        self.timeout = timeout
        self.logger = logger
    }

    public var hasBotToken: Bool { botToken != nil }

    public func isAllowedResponseURL(_ url: String) -> Bool {
        allowedResponseURLPrefixes.contains { url.hasPrefix($0) } && !url.contains("@") && url.utf8.count < 2_048
    }

    public func respond(to responseURL: String, message: SlackMessage, inChannel: Bool, replaceOriginal: Bool, jobId: String) async throws {
        guard isAllowedResponseURL(responseURL) else { throw SlackDeliveryError.responseURLNotAllowed }
        var body = Self.messageFields(message)
        body["response_type"] = .string(inChannel ? "in_channel" : "ephemeral")
        body["replace_original"] = .bool(replaceOriginal)
        _ = try await send(url: responseURL, body: .object(body), authorized: false, method: "response_url", jobId: jobId)
    }

    public func postMessage(channel: String, threadTs: String?, message: SlackMessage, jobId: String) async throws -> String {
        var body = Self.messageFields(message)
        body["channel"] = .string(channel)
        if let threadTs { body["thread_ts"] = .string(threadTs) }
        let reply = try await callAPI("chat.postMessage", body: .object(body), jobId: jobId)
        return reply["ts"]?.stringValue ?? ""
    }

    public func update(channel: String, ts: String, message: SlackMessage, jobId: String) async throws {
        var body = Self.messageFields(message)
        body["channel"] = .string(channel)
        body["ts"] = .string(ts)
        _ = try await callAPI("chat.update", body: .object(body), jobId: jobId)
    }

    public func uploadFile(_ file: SlackFile, channel: String, threadTs: String?, jobId: String) async throws {
        guard botToken != nil else { throw SlackDeliveryError.noBotToken }
        let bytes = Array(file.content.utf8)
        // files.getUploadURLExternal takes form arguments: filename, length.
        let form = FormDecoding.encode([("filename", file.filename), ("length", String(bytes.count))])
        let ticket = try await send(url: "\(apiURL)/files.getUploadURLExternal", bodyBytes: Array(form.utf8),
                                    contentType: "application/x-www-form-urlencoded", authorized: true,
                                    method: "files.getUploadURLExternal", jobId: jobId)
        guard let uploadURL = ticket["upload_url"]?.stringValue, let fileId = ticket["file_id"]?.stringValue else {
            throw SlackDeliveryError.rejected("missing_upload_url")
        }
        _ = try await send(url: uploadURL, bodyBytes: bytes, contentType: "text/plain; charset=utf-8", authorized: false,
                           method: "upload", jobId: jobId, expectJSON: false)
        var complete: [String: JSONValue] = [
            "files": [["id": .string(fileId), "title": .string(file.title)]],
            "channel_id": .string(channel),
        ]
        if let threadTs { complete["thread_ts"] = .string(threadTs) }
        _ = try await callAPI("files.completeUploadExternal", body: .object(complete), jobId: jobId)
    }

    static func messageFields(_ message: SlackMessage) -> [String: JSONValue] {
        var body: [String: JSONValue] = ["text": .string(message.text)]
        if !message.blocks.isEmpty { body["blocks"] = .array(message.blocks) }
        return body
    }

    private func callAPI(_ method: String, body: JSONValue, jobId: String) async throws -> JSONValue {
        guard botToken != nil else { throw SlackDeliveryError.noBotToken }
        return try await send(url: "\(apiURL)/\(method)", body: body, authorized: true, method: method, jobId: jobId)
    }

    private func send(url: String, body: JSONValue, authorized: Bool, method: String, jobId: String) async throws -> JSONValue {
        try await send(url: url, bodyBytes: Array(body.encoded()), contentType: "application/json; charset=utf-8",
                       authorized: authorized, method: method, jobId: jobId)
    }

    /// One logical call: retried on transport errors, 5xx, 429 and Slack's transient error codes.
    private func send(url: String, bodyBytes: [UInt8], contentType: String, authorized: Bool, method: String, jobId: String,
                      expectJSON: Bool = true) async throws -> JSONValue
    {
        var lastCause = "unknown"
        for attempt in 1...retry.maxAttempts {
            var retryAfter: Duration?
            do {
                var request = HTTPClientRequest(url: url)
                request.method = .POST
                request.headers.add(name: "Content-Type", value: contentType)
                if authorized, let botToken { request.headers.add(name: "Authorization", value: "Bearer \(botToken)") }
                request.body = .bytes(ByteBuffer(bytes: bodyBytes))
                let response = try await http.execute(request, timeout: timeout)
                let data = try await response.body.collect(upTo: 1 << 20)
                let status = response.status.code
                if status == 429 || status >= 500 {
                    lastCause = "http_\(status)"
                    if let seconds = response.headers.first(name: "Retry-After").flatMap(Int.init) { retryAfter = .seconds(seconds) }
                } else if status == 404, method == "response_url" {
                    throw SlackDeliveryError.responseURLExpired
                } else if status >= 400 {
                    throw SlackDeliveryError.rejected("http_\(status)")
                } else if !expectJSON {
                    return .null
                } else {
                    let text = String(buffer: data)
                    // response_url answers a bare `ok`; the Web API answers JSON with `ok`.
                    guard let json = JSONValue.decode(Array(text.utf8)) else { return .null }
                    if json["ok"]?.boolValue == false {
                        let code = json["error"]?.stringValue ?? "unknown_error"
                        guard Self.transientErrors.contains(code) else { throw SlackDeliveryError.rejected(code) }
                        lastCause = code
                    } else {
                        return json
                    }
                }
            } catch let error as SlackDeliveryError {
                logger.warning("slack delivery refused", metadata: ["job.id": "\(jobId)", "slack.method": "\(method)", "error.code": "\(error.code)"])
                throw error
            } catch {
                lastCause = "transport"
            }
            guard attempt < retry.maxAttempts else { break }
            let delay = retry.delay(afterAttempt: attempt, retryAfter: retryAfter)
            logger.notice("slack delivery retry", metadata: [
                "job.id": "\(jobId)", "slack.method": "\(method)", "attempt": "\(attempt)", "cause": "\(lastCause)",
                "delay.ms": "\(delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000)",
            ])
            try await Task.sleep(for: delay)
        }
        logger.error("slack delivery failed", metadata: ["job.id": "\(jobId)", "slack.method": "\(method)", "cause": "\(lastCause)"])
        throw SlackDeliveryError.exhausted(lastCause)
    }

    static let transientErrors: Set<String> = ["ratelimited", "rate_limited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"]
}
