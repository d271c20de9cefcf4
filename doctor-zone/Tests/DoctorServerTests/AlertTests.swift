import ChatOps
import Crypto
import DoctorServer
import Foundation
import Testing
import X509
import _CryptoExtras

/// Signs SNS messages with a key and self-signed certificate made for the test.
struct SNSSigner: Sendable {
    let key: _RSA.Signing.PrivateKey
    let pem: String
    static let shared: SNSSigner = try! SNSSigner()
    static let certURL = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-test.pem"

    init() throws {
        key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let certificateKey = Certificate.PrivateKey(key)
        let name = try DistinguishedName { CommonName("sns.amazonaws.com") }
        pem = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: certificateKey.publicKey,
            notValidBefore: Date().addingTimeInterval(-3_600), notValidAfter: Date().addingTimeInterval(3_600),
            issuer: name, subject: name, signatureAlgorithm: .sha256WithRSAEncryption,
            extensions: Certificate.Extensions {}, issuerPrivateKey: certificateKey).serializeAsPEM().pemString
    }

    func signed(_ fields: [String: String], version: String = "2") throws -> String {
        var fields = fields
        fields["SignatureVersion"] = version
        fields["SigningCertURL"] = fields["SigningCertURL"] ?? Self.certURL
        let names = fields["Type"] == "Notification"
            ? ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"]
            : ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"]
        let text = names.compactMap { name in fields[name].map { "\(name)\n\($0)\n" } }.joined()
        let bytes = Array(text.utf8)
        let signature = version == "1"
            ? try key.signature(for: Insecure.SHA1.hash(data: bytes), padding: .insecurePKCS1v1_5)
            : try key.signature(for: SHA256.hash(data: bytes), padding: .insecurePKCS1v1_5)
        fields["Signature"] = signature.rawRepresentation.base64EncodedString()
        return String(decoding: JSONValue.object(fields.mapValues { .string($0) }).encoded(), as: UTF8.self)
    }

    static func alarm(state: String = "ALARM", name: String = "patient-api-5xx") -> String {
        let alarm: JSONValue = [
            "AlarmName": .string(name), "AlarmDescription": "5xx burst; log-group=/ecs/patient-api",
            "NewStateValue": .string(state), "NewStateReason": "Threshold Crossed", "StateChangeTime": "2026-11-27T17:20:53.123+0000",
            "AlarmArn": .string("arn:aws:cloudwatch:us-east-1:123456789012:alarm:\(name)"), "OldStateValue": "OK",
            "Trigger": ["Period": 60, "EvaluationPeriods": 3, "Dimensions": []],
        ]
        return String(decoding: alarm.encoded(), as: UTF8.self)
    }

    static func notification(_ message: String, id: String = UUID().uuidString) -> [String: String] {
        ["Type": "Notification", "MessageId": id, "TopicArn": "arn:aws:sns:us-east-1:123456789012:doctor", "Subject": "ALARM",
         "Message": message, "Timestamp": "2026-11-27T17:20:54.000Z"]
    }
}

@Suite(.timeLimit(.minutes(1))) struct AlertTests {
    let signer = SNSSigner.shared
    var certificates: [String: String] { [SNSSigner.certURL: signer.pem] }

    func sns(_ h: Harness, _ body: String) async throws -> (status: Int, body: String) {
        try await h.post("/alerts/sns", body: body, headers: [("x-amz-sns-message-type", "Notification")], contentType: "text/plain; charset=UTF-8")
    }

    @Test(arguments: ["1", "2"]) func alarmIsDiagnosedAndPostedToTheAlertChannel(version: String) async throws {
        let diagnosis = SlowDiagnosis(delay: .milliseconds(10))
        try await Harness.run(diagnosis: diagnosis, botToken: true, certificates: certificates) { h in
            let reply = try await sns(h, try signer.signed(SNSSigner.notification(SNSSigner.alarm()), version: version))
            #expect(reply.status == 200)
            try await eventually { h.slack.received("/api/chat.postMessage").count == 1 }
            #expect(h.slack.received("/api/chat.postMessage").first?.json?["channel"]?.stringValue == "C-ALERTS")
            let request = try #require(diagnosis.seen.first)
            #expect(request.logGroup == "/ecs/patient-api")
            #expect(request.since == 900)
        }
    }

    @Test func repeatedAlarmUpdatesTheFirstMessageInsteadOfFlooding() async throws {
        let diagnosis = SlowDiagnosis(delay: .milliseconds(10))
        try await Harness.run(diagnosis: diagnosis, botToken: true, certificates: certificates) { h in
            _ = try await sns(h, try signer.signed(SNSSigner.notification(SNSSigner.alarm())))
            try await eventually { h.slack.received("/api/chat.postMessage").count == 1 && h.server.queue.runningCount == 0 }
            for repeat_ in 1...3 {
                _ = try await sns(h, try signer.signed(SNSSigner.notification(SNSSigner.alarm())))
                try await eventually { h.slack.received("/api/chat.update").count == repeat_ && h.server.queue.runningCount == 0 }
            }
            #expect(h.slack.received("/api/chat.postMessage").count == 1)
            let update = try #require(h.slack.received("/api/chat.update").last?.json)
            #expect(update["ts"]?.stringValue == "1800000000.000001")
            #expect(String(decoding: update.encoded(), as: UTF8.self).contains("Fired 4 times"))
        }
    }

    @Test func sameMessageDeliveredTwiceBySNSRunsOnce() async throws {
        let diagnosis = SlowDiagnosis(delay: .milliseconds(200))
        try await Harness.run(diagnosis: diagnosis, botToken: true, certificates: certificates) { h in
            let body = try signer.signed(SNSSigner.notification(SNSSigner.alarm(), id: "same-id"))
            _ = try await sns(h, body)
            _ = try await sns(h, body)
            try await eventually { h.slack.received("/api/chat.postMessage").count == 1 }
            try await Task.sleep(for: .milliseconds(300))
            #expect(diagnosis.started == 1)
        }
    }

    @Test func okStateIsAcknowledgedAndIgnored() async throws {
        let diagnosis = SlowDiagnosis(delay: .milliseconds(10))
        try await Harness.run(diagnosis: diagnosis, botToken: true, certificates: certificates) { h in
            let reply = try await sns(h, try signer.signed(SNSSigner.notification(SNSSigner.alarm(state: "OK"))))
            #expect(reply.status == 200)
            #expect(reply.body.contains("ignored"))
        }
        #expect(diagnosis.started == 0)
    }

    @Test func badSignatureIsRefusedAndNothingRuns() async throws {
        let diagnosis = SlowDiagnosis(delay: .milliseconds(10))
        try await Harness.run(diagnosis: diagnosis, botToken: true, certificates: certificates) { h in
            let good = try signer.signed(SNSSigner.notification(SNSSigner.alarm()))
            let forged = good.replacingOccurrences(of: "Threshold Crossed", with: "Threshold Crossed!")
            let reply = try await sns(h, forged)
            #expect(reply.status == 403)
            #expect(JSONValue.decode(Array(reply.body.utf8))?["error"]?["code"]?.stringValue == "bad_signature")
            let untrusted = try signer.signed(SNSSigner.notification(SNSSigner.alarm()).merging(["SigningCertURL": "https://evil.example/x.pem"]) { $1 })
            #expect(try await sns(h, untrusted).status == 403)
            #expect(try await sns(h, "{not json").status == 400)
        }
        #expect(diagnosis.started == 0)
    }

    @Test func subscriptionConfirmationVisitsSubscribeURLOnlyAfterVerification() async throws {
        let confirmer = RecordingConfirmer()
        try await Harness.run(certificates: certificates, confirmer: confirmer) { h in
            let subscribe = "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:us-east-1:123456789012:doctor&Token=tok"
            let fields = ["Type": "SubscriptionConfirmation", "MessageId": "m-1", "Token": "tok", "TopicArn": "arn:aws:sns:us-east-1:123456789012:doctor",
                          "Message": "You have chosen to subscribe…", "SubscribeURL": subscribe, "Timestamp": "2026-11-27T17:20:54.000Z"]
            var forged = try signer.signed(fields)
            forged = forged.replacingOccurrences(of: "Token=tok", with: "Token=tok2")
            #expect(try await sns(h, forged).status == 403)
            #expect(confirmer.visited.isEmpty)
            let reply = try await sns(h, try signer.signed(fields, version: "1"))
            #expect(reply.status == 200)
            #expect(confirmer.visited == [subscribe])
        }
    }
}
