import ChatOps
import Foundation
import Testing

@Suite struct SNSVerifierTests {
    static let certURL = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem"
    let signer = TestSNSSigner.shared

    func verifier(_ certificates: MemoryCertificates) -> SNSVerifier {
        SNSVerifier(policy: SNSURLPolicy(), certificates: CertificateCache(fetcher: certificates))
    }

    @Test(arguments: ["1", "2"]) func signedNotificationVerifies(version: String) async throws {
        let certificates = MemoryCertificates([Self.certURL: signer.certificatePEM])
        let fields = try signer.sign(TestSNSSigner.notification(certURL: Self.certURL), version: version)
        let message = try SNSMessage(json: TestSNSSigner.json(fields))
        try await verifier(certificates).verify(message)
    }

    @Test(arguments: ["1", "2"]) func signedConfirmationVerifies(version: String) async throws {
        let certificates = MemoryCertificates([Self.certURL: signer.certificatePEM])
        let fields = try signer.sign(TestSNSSigner.confirmation(certURL: Self.certURL, subscribeURL: "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=abc"), version: version)
        let message = try SNSMessage(json: TestSNSSigner.json(fields))
        #expect(message.kind == .subscriptionConfirmation)
        try await verifier(certificates).verify(message)
    }

    @Test func notificationWithoutSubjectVerifies() async throws {
        let certificates = MemoryCertificates([Self.certURL: signer.certificatePEM])
        let fields = try signer.sign(TestSNSSigner.notification(certURL: Self.certURL, subject: nil), version: "2")
        try await verifier(certificates).verify(try SNSMessage(json: TestSNSSigner.json(fields)))
    }

    @Test func signingStringFollowsTheDocumentedOrder() throws {
        let fields = ["Type": "Notification", "MessageId": "m-1", "TopicArn": "arn:t", "Subject": "S", "Message": "hello\nworld",
                      "Timestamp": "2026-01-01T00:00:00.000Z", "SignatureVersion": "1", "Signature": "AA==", "SigningCertURL": Self.certURL]
        let message = try SNSMessage(json: TestSNSSigner.json(fields))
        #expect(message.stringToSign == "Message\nhello\nworld\nMessageId\nm-1\nSubject\nS\nTimestamp\n2026-01-01T00:00:00.000Z\nTopicArn\narn:t\nType\nNotification\n")
    }

    struct Tamper: Sendable, CustomTestStringConvertible {
        let name: String
        let change: @Sendable ([String: String]) -> [String: String]
        let expected: SNSError
        var testDescription: String { name }
    }

    static let tampering: [Tamper] = [
        Tamper(name: "message changed", change: { var f = $0; f["Message"] = TestSNSSigner.alarmMessage(state: "OK"); return f }, expected: .badSignature),
        Tamper(name: "subject removed", change: { var f = $0; f["Subject"] = nil; return f }, expected: .badSignature),
        Tamper(name: "signature garbage", change: { var f = $0; f["Signature"] = "not base64!!"; return f }, expected: .badSignature),
        Tamper(name: "version 1 claimed for a v2 signature", change: { var f = $0; f["SignatureVersion"] = "1"; return f }, expected: .badSignature),
        Tamper(name: "unknown version", change: { var f = $0; f["SignatureVersion"] = "3"; return f }, expected: .unsupportedSignatureVersion),
        Tamper(name: "certificate on another host", change: { var f = $0; f["SigningCertURL"] = "https://evil.example.com/cert.pem"; return f }, expected: .untrustedCertificateURL),
        Tamper(name: "certificate over http", change: { var f = $0; f["SigningCertURL"] = "http://sns.us-east-1.amazonaws.com/cert.pem"; return f }, expected: .untrustedCertificateURL),
        Tamper(name: "lookalike host", change: { var f = $0; f["SigningCertURL"] = "https://sns.us-east-1.amazonaws.com.evil.com/cert.pem"; return f }, expected: .untrustedCertificateURL),
        Tamper(name: "userinfo trick", change: { var f = $0; f["SigningCertURL"] = "https://sns.us-east-1.amazonaws.com@evil.com/cert.pem"; return f }, expected: .untrustedCertificateURL),
    ]

    @Test(arguments: tampering) func tamperedMessagesAreRefused(_ tamper: Tamper) async throws {
        let certificates = MemoryCertificates([Self.certURL: signer.certificatePEM])
        let fields = tamper.change(try signer.sign(TestSNSSigner.notification(certURL: Self.certURL), version: "2"))
        let message = try SNSMessage(json: TestSNSSigner.json(fields))
        await #expect(throws: tamper.expected) { try await verifier(certificates).verify(message) }
    }

    @Test func aCertificateFromAnotherKeyIsRefused() async throws {
        let other = try TestSNSSigner()
        let certificates = MemoryCertificates([Self.certURL: other.certificatePEM])
        let fields = try signer.sign(TestSNSSigner.notification(certURL: Self.certURL), version: "2")
        await #expect(throws: SNSError.badSignature) { try await verifier(certificates).verify(try SNSMessage(json: TestSNSSigner.json(fields))) }
    }

    @Test func certificateIsFetchedOnceAndCached() async throws {
        let certificates = MemoryCertificates([Self.certURL: signer.certificatePEM])
        let verifier = verifier(certificates)
        for _ in 0..<3 {
            let fields = try signer.sign(TestSNSSigner.notification(certURL: Self.certURL), version: "2")
            try await verifier.verify(try SNSMessage(json: TestSNSSigner.json(fields)))
        }
        #expect(certificates.fetchedURLs == [Self.certURL])
    }

    @Test func untrustedSubscribeURLIsRefusedBeforeAnyFetch() async throws {
        let certificates = MemoryCertificates([Self.certURL: signer.certificatePEM])
        let fields = try signer.sign(TestSNSSigner.confirmation(certURL: Self.certURL, subscribeURL: "https://169.254.169.254/latest/meta-data"), version: "2")
        await #expect(throws: SNSError.untrustedSubscribeURL) { try await verifier(certificates).verify(try SNSMessage(json: TestSNSSigner.json(fields))) }
        #expect(certificates.fetchedURLs.isEmpty)
    }

    @Test(arguments: [
        ("https://sns.eu-west-1.amazonaws.com/a.pem", true),
        ("https://sns.cn-north-1.amazonaws.com.cn/a.pem", true),
        ("https://sns.us-east-1.amazonaws.com/a.txt", false),
        ("https://sns.amazonaws.com/a.pem", false),
        ("https://s3.us-east-1.amazonaws.com/a.pem", false),
        ("https://sns.us-east-1.amazonaws.com:8443/a.pem", false),
        ("https://127.0.0.1:8443/a.pem", false),
    ])
    func certificateURLPolicy(_ url: String, _ allowed: Bool) {
        #expect(SNSURLPolicy().isAllowed(url, requirePEM: true) == allowed)
    }

    @Test func loopbackOriginIsAllowedOnlyWhenConfigured() {
        #expect(SNSURLPolicy(extraOrigins: ["https://127.0.0.1:8443"]).isAllowed("https://127.0.0.1:8443/a.pem", requirePEM: true))
        #expect(!SNSURLPolicy(extraOrigins: ["https://127.0.0.1:8443"]).isAllowed("https://127.0.0.1:9443/a.pem", requirePEM: true))
    }

    @Test(arguments: ["", "{}", "[1]", "{\"Type\":\"Notification\"}", "{\"Type\":\"Bogus\",\"MessageId\":\"1\"}", String(repeating: "{", count: 10_000)])
    func malformedBodiesAreRefusedWithoutCrashing(_ body: String) {
        #expect(throws: SNSError.self) { try SNSMessage(json: Array(body.utf8)) }
    }

    @Test func alarmNotificationGivesLogGroupAndWindow() throws {
        let alarm = try #require(AlarmNotification(message: TestSNSSigner.alarmMessage()))
        #expect(alarm.isAlarm)
        #expect(alarm.logGroup == "/ecs/patient-api")
        #expect(alarm.window.since == 900)
        #expect(abs(alarm.window.end.timeIntervalSince1970 - (1_795_800_053.123 + 60)) < 0.001)
        #expect(AlarmNotification(message: "not json") == nil)
    }
}
