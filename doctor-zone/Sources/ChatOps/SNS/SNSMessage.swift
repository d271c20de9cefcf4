/// An SNS HTTP(S) delivery (`Notification`, `SubscriptionConfirmation`, `UnsubscribeConfirmation`).
public struct SNSMessage: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case notification = "Notification"
        case subscriptionConfirmation = "SubscriptionConfirmation"
        case unsubscribeConfirmation = "UnsubscribeConfirmation"
    }

    public var kind: Kind
    public var messageId: String
    public var topicArn: String
    public var subject: String?
    public var message: String
    public var timestamp: String
    public var signatureVersion: String
    public var signature: String
    public var signingCertURL: String
    public var subscribeURL: String?
    public var token: String?

    /// Reads the JSON body; throws `SNSError.malformed` for anything that is not an SNS message.
    public init(json bytes: some Collection<UInt8>) throws(SNSError) {
        guard let json = JSONValue.decode(Array(bytes)) else { throw .malformed("body is not JSON") }
        func field(_ name: String) throws(SNSError) -> String {
            guard let value = json[name]?.stringValue else { throw .malformed("missing \(name)") }
            return value
        }
        guard let kind = Kind(rawValue: try field("Type")) else { throw .malformed("unknown Type") }
        self.kind = kind
        messageId = try field("MessageId")
        topicArn = try field("TopicArn")
        subject = json["Subject"]?.stringValue
        message = try field("Message")
        timestamp = try field("Timestamp")
        signatureVersion = try field("SignatureVersion")
        signature = try field("Signature")
        signingCertURL = try field("SigningCertURL")
        subscribeURL = json["SubscribeURL"]?.stringValue
        token = json["Token"]?.stringValue
        if kind != .notification, subscribeURL == nil || token == nil { throw .malformed("missing SubscribeURL or Token") }
    }

    /// The string SNS signs: `Name\nValue\n` pairs in byte order of the names, per message type.
    /// Notification: Message, MessageId, Subject (if present), Timestamp, TopicArn, Type.
    /// (Un)SubscriptionConfirmation: Message, MessageId, SubscribeURL, Timestamp, Token, TopicArn, Type.
    public var stringToSign: String {
        var pairs: [(String, String)] = [("Message", message), ("MessageId", messageId)]
        switch kind {
        case .notification:
            if let subject { pairs.append(("Subject", subject)) }
            pairs += [("Timestamp", timestamp), ("TopicArn", topicArn), ("Type", kind.rawValue)]
        case .subscriptionConfirmation, .unsubscribeConfirmation:
            pairs += [("SubscribeURL", subscribeURL ?? ""), ("Timestamp", timestamp), ("Token", token ?? ""),
                      ("TopicArn", topicArn), ("Type", kind.rawValue)]
        }
        return pairs.map { "\($0.0)\n\($0.1)\n" }.joined()
    }
}

/// Stable error codes for SNS handling.
public enum SNSError: Error, Sendable, Equatable {
    case malformed(String)
    case untrustedCertificateURL
    case untrustedSubscribeURL
    case unsupportedSignatureVersion
    case certificateUnavailable
    case badSignature
    case topicNotAllowed

    public var code: String {
        switch self {
        case .malformed: "malformed_message"
        case .untrustedCertificateURL: "untrusted_certificate_url"
        case .untrustedSubscribeURL: "untrusted_subscribe_url"
        case .unsupportedSignatureVersion: "unsupported_signature_version"
        case .certificateUnavailable: "certificate_unavailable"
        case .badSignature: "bad_signature"
        case .topicNotAllowed: "topic_not_allowed"
        }
    }
}
