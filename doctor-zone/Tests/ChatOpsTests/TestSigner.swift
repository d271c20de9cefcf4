import ChatOps
import Crypto
import Foundation
import X509
import _CryptoExtras

/// Signs SNS messages the way SNS does, with a throwaway key and self-signed certificate made in the test.
struct TestSNSSigner: Sendable {
    let key: _RSA.Signing.PrivateKey
    let certificatePEM: String

    static let shared: TestSNSSigner = try! TestSNSSigner()

    init(notValidAfter: Date = Date().addingTimeInterval(3_600)) throws {
        key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let certificateKey = Certificate.PrivateKey(key)
        let name = try DistinguishedName { CommonName("sns.amazonaws.com") }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: certificateKey.publicKey,
            notValidBefore: Date().addingTimeInterval(-3_600), notValidAfter: notValidAfter,
            issuer: name, subject: name, signatureAlgorithm: .sha256WithRSAEncryption,
            extensions: Certificate.Extensions {}, issuerPrivateKey: certificateKey)
        certificatePEM = try certificate.serializeAsPEM().pemString
    }

    /// The signing string, written out independently of `SNSMessage.stringToSign`.
    static func stringToSign(_ fields: [String: String]) -> String {
        let names = fields["Type"] == "Notification"
            ? ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"]
            : ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"]
        return names.compactMap { name in fields[name].map { "\(name)\n\($0)\n" } }.joined()
    }

    func sign(_ fields: [String: String], version: String) throws -> [String: String] {
        var fields = fields
        fields["SignatureVersion"] = version
        let bytes = Array(Self.stringToSign(fields).utf8)
        let signature = version == "1"
            ? try key.signature(for: Insecure.SHA1.hash(data: bytes), padding: .insecurePKCS1v1_5)
            : try key.signature(for: SHA256.hash(data: bytes), padding: .insecurePKCS1v1_5)
        fields["Signature"] = signature.rawRepresentation.base64EncodedString()
        return fields
    }

    static func json(_ fields: [String: String]) -> [UInt8] {
        Array(JSONValue.object(fields.mapValues { .string($0) }).encoded())
    }

    static func alarmMessage(name: String = "patient-api-5xx", state: String = "ALARM", logGroup: String = "/ecs/patient-api") -> String {
        let alarm: JSONValue = [
            "AlarmName": .string(name), "AlarmDescription": .string("5xx burst. log-group: \(logGroup)"),
            "AWSAccountId": "123456789012", "NewStateValue": .string(state), "NewStateReason": "Threshold Crossed: 1 datapoint [12.0] was greater than the threshold (5.0).",
            "StateChangeTime": "2026-11-27T17:20:53.123+0000", "Region": "US East (N. Virginia)",
            "AlarmArn": .string("arn:aws:cloudwatch:us-east-1:123456789012:alarm:\(name)"), "OldStateValue": "OK",
            "Trigger": ["MetricName": "5xxCount", "Namespace": "PatientApi", "StatisticType": "Statistic", "Statistic": "SUM",
                        "Dimensions": [], "Period": 60, "EvaluationPeriods": 5, "ComparisonOperator": "GreaterThanThreshold", "Threshold": 5.0],
        ]
        return String(decoding: alarm.encoded(), as: UTF8.self)
    }

    static func notification(certURL: String, message: String = alarmMessage(), id: String = UUID().uuidString, subject: String? = "ALARM: patient-api-5xx") -> [String: String] {
        var fields = [
            "Type": "Notification", "MessageId": id, "TopicArn": "arn:aws:sns:us-east-1:123456789012:doctor-alarms",
            "Message": message, "Timestamp": "2026-11-27T17:20:54.000Z", "SigningCertURL": certURL,
            "UnsubscribeURL": "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe",
        ]
        if let subject { fields["Subject"] = subject }
        return fields
    }

    static func confirmation(certURL: String, subscribeURL: String) -> [String: String] {
        [
            "Type": "SubscriptionConfirmation", "MessageId": UUID().uuidString, "Token": "2336412f37fb687f5d51e6e2425f004a",
            "TopicArn": "arn:aws:sns:us-east-1:123456789012:doctor-alarms",
            "Message": "You have chosen to subscribe to the topic arn:aws:sns:us-east-1:123456789012:doctor-alarms.\nTo confirm the subscription, visit the SubscribeURL included in this message.",
            "SubscribeURL": subscribeURL, "Timestamp": "2026-11-27T17:20:54.000Z", "SigningCertURL": certURL,
        ]
    }
}

/// Serves certificates from memory, recording which URLs were asked for.
final class MemoryCertificates: CertificateFetching {
    let pems: [String: String]
    private let fetched = Recorder()

    init(_ pems: [String: String]) { self.pems = pems }

    func certificatePEM(at url: String) async throws -> String {
        fetched.add(url)
        guard let pem = pems[url] else { throw SNSError.certificateUnavailable }
        return pem
    }

    var fetchedURLs: [String] { fetched.values }
}
