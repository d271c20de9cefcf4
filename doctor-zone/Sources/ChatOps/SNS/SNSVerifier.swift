import Foundation
import X509

/// Verifies SNS message signatures (SignatureVersion 1: SHA1withRSA, 2: SHA256withRSA) against the
/// certificate at `SigningCertURL`, fetched only from an allowed SNS URL.
public struct SNSVerifier: Sendable {
    public let policy: SNSURLPolicy
    private let certificates: CertificateCache
    /// When non-empty, only these topics are accepted.
    public let allowedTopics: Set<String>

    public init(policy: SNSURLPolicy, certificates: CertificateCache, allowedTopics: Set<String> = []) {
        self.policy = policy
        self.certificates = certificates
        self.allowedTopics = allowedTopics
    }

    public func verify(_ message: SNSMessage) async throws(SNSError) {
        if !allowedTopics.isEmpty, !allowedTopics.contains(message.topicArn) { throw .topicNotAllowed }
        let algorithm: Certificate.SignatureAlgorithm
        switch message.signatureVersion {
        case "1": algorithm = .sha1WithRSAEncryption
        case "2": algorithm = .sha256WithRSAEncryption
        default: throw .unsupportedSignatureVersion
        }
        guard policy.isAllowed(message.signingCertURL, requirePEM: true) else { throw .untrustedCertificateURL }
        if let subscribeURL = message.subscribeURL, !policy.isAllowed(subscribeURL, requirePEM: false) {
            throw .untrustedSubscribeURL
        }
        guard let signature = Data(base64Encoded: message.signature), !signature.isEmpty else { throw .badSignature }
        let certificate = try await certificates.certificate(at: message.signingCertURL)
        let now = Date()
        guard certificate.notValidBefore <= now, now <= certificate.notValidAfter else { throw .badSignature }
        guard certificate.publicKey.isValidSignature(signature, for: Array(message.stringToSign.utf8), signatureAlgorithm: algorithm) else {
            throw .badSignature
        }
    }
}
