import Crypto
import Foundation

/// Why a request was refused. `code` is stable and safe to log; it never includes the secret or the body.
public enum SlackVerificationError: Error, Equatable, Sendable {
    case missingTimestamp
    case missingSignature
    case malformedTimestamp
    case staleTimestamp
    case malformedSignature
    case signatureMismatch

    public var code: String {
        switch self {
        case .missingTimestamp: "missing_timestamp"
        case .missingSignature: "missing_signature"
        case .malformedTimestamp: "malformed_timestamp"
        case .staleTimestamp: "stale_timestamp"
        case .malformedSignature: "malformed_signature"
        case .signatureMismatch: "signature_mismatch"
        }
    }
}

/// Verifies Slack's `X-Slack-Signature`: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}`
/// with the app's signing secret. Runs on the raw bytes before anything parses them.
public struct SlackSignatureVerifier: Sendable {
    /// The secret's bytes (`SymmetricKey` is not `Sendable` on every platform; making one is cheap).
    private let secret: [UInt8]
    private var key: SymmetricKey { SymmetricKey(data: secret) }
    /// How far the request timestamp may be from now, either way (Slack recommends 5 minutes).
    public let tolerance: TimeInterval

    public init(signingSecret: String, tolerance: TimeInterval = 300) {
        self.secret = Array(signingSecret.utf8)
        self.tolerance = tolerance
    }

    public func verify(body: some DataProtocol, timestamp: String?, signature: String?, now: Date = Date()) throws(SlackVerificationError) {
        guard let timestamp, !timestamp.isEmpty else { throw .missingTimestamp }
        guard let signature, !signature.isEmpty else { throw .missingSignature }
        guard timestamp.utf8.count <= 12, timestamp.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
              let seconds = Int64(timestamp)
        else { throw .malformedTimestamp }
        guard abs(now.timeIntervalSince1970 - Double(seconds)) <= tolerance else { throw .staleTimestamp }
        guard signature.hasPrefix("v0="), let mac = Self.hexBytes(signature.utf8.dropFirst(3)), mac.count == 32 else {
            throw .malformedSignature
        }
        var message = Data()
        message.reserveCapacity(body.count + 16)
        message.append(contentsOf: Array("v0:\(timestamp):".utf8))
        message.append(contentsOf: body)
        // `isValidAuthenticationCode` compares in constant time.
        guard HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: message, using: key) else {
            throw .signatureMismatch
        }
    }

    /// The header value Slack would send for this body and timestamp (tests, benchmarks, fakes).
    public func signature(body: some DataProtocol, timestamp: String) -> String {
        var message = Data(Array("v0:\(timestamp):".utf8))
        message.append(contentsOf: body)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: key)
        return "v0=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    static func hexBytes(_ text: some Collection<UInt8>) -> [UInt8]? {
        guard text.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(text.count / 2)
        var iterator = text.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            guard let h = FormDecoding.hexValue(high), let l = FormDecoding.hexValue(low) else { return nil }
            out.append(h << 4 | l)
        }
        return out
    }
}
