/// A message for Slack: fallback text plus Block Kit blocks.
public struct SlackMessage: Sendable, Hashable {
    public var text: String
    public var blocks: [JSONValue]
    /// Text files to attach (long patches) when a bot token allows uploads; else already folded into blocks.
    public var attachments: [SlackFile]

    public init(text: String, blocks: [JSONValue] = [], attachments: [SlackFile] = []) {
        self.text = text
        self.blocks = blocks
        self.attachments = attachments
    }
}

/// A text file to upload beside a message (files.uploadV2 flow).
public struct SlackFile: Sendable, Hashable {
    public var filename: String
    public var title: String
    public var content: String

    public init(filename: String, title: String, content: String) {
        self.filename = filename
        self.title = title
        self.content = content
    }
}

/// Where a result goes.
public enum SlackDestination: Sendable, Hashable {
    /// A slash command's `response_url` (at most 5 uses within 30 minutes).
    case responseURL(String, inChannel: Bool)
    /// `chat.postMessage` into a channel, optionally in a thread.
    case channel(String, threadTs: String?)
}

/// Stable error codes for Slack delivery.
public enum SlackDeliveryError: Error, Sendable, Equatable {
    /// Slack answered `ok: false` with this error code (or an HTTP status we do not retry).
    case rejected(String)
    /// Retries exhausted; last cause.
    case exhausted(String)
    case responseURLNotAllowed
    case responseURLExpired
    case noBotToken

    public var code: String {
        switch self {
        case .rejected(let code): "slack_rejected:\(code)"
        case .exhausted(let cause): "slack_unreachable:\(cause)"
        case .responseURLNotAllowed: "response_url_not_allowed"
        case .responseURLExpired: "response_url_expired"
        case .noBotToken: "no_bot_token"
        }
    }
}

/// Talking to Slack: the seam the job runner uses (a fake in unit tests, `SlackHTTPClient` for real).
public protocol SlackAPI: Sendable {
    var hasBotToken: Bool { get }
    /// POSTs to a `response_url`.
    func respond(to responseURL: String, message: SlackMessage, inChannel: Bool, replaceOriginal: Bool, jobId: String) async throws
    /// `chat.postMessage`; returns the message `ts`.
    func postMessage(channel: String, threadTs: String?, message: SlackMessage, jobId: String) async throws -> String
    /// `chat.update` of an earlier message.
    func update(channel: String, ts: String, message: SlackMessage, jobId: String) async throws
    /// `files.getUploadURLExternal` → upload → `files.completeUploadExternal` into a channel/thread.
    func uploadFile(_ file: SlackFile, channel: String, threadTs: String?, jobId: String) async throws
}
