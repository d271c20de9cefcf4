import ChatOps
import Foundation
import Testing

@Suite struct SlackSignatureVerifierTests {
    // Slack's worked example (docs: "Verifying requests from Slack").
    static let docSecret = "8f742231b10e8888abcd99yyyzzz85a5"
    static let docTimestamp = "1531420618"
    static let docBody = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
    static let docSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
    static let docTime = Date(timeIntervalSince1970: 1_531_420_618 + 60)

    @Test func slacksPublishedExampleVerifies() throws {
        let verifier = SlackSignatureVerifier(signingSecret: Self.docSecret)
        try verifier.verify(body: Array(Self.docBody.utf8), timestamp: Self.docTimestamp, signature: Self.docSignature, now: Self.docTime)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let secret: String
        let body: String
        let timestamp: String?
        let signature: String?
        let now: Date
        let expected: SlackVerificationError
        var testDescription: String { name }
    }

    static let refusals: [Case] = [
        Case(name: "wrong secret", secret: "another-secret", body: docBody, timestamp: docTimestamp, signature: docSignature, now: docTime, expected: .signatureMismatch),
        Case(name: "body changed by one byte", secret: docSecret, body: docBody + "x", timestamp: docTimestamp, signature: docSignature, now: docTime, expected: .signatureMismatch),
        Case(name: "timestamp changed", secret: docSecret, body: docBody, timestamp: "1531420619", signature: docSignature, now: docTime, expected: .signatureMismatch),
        Case(name: "missing timestamp", secret: docSecret, body: docBody, timestamp: nil, signature: docSignature, now: docTime, expected: .missingTimestamp),
        Case(name: "missing signature", secret: docSecret, body: docBody, timestamp: docTimestamp, signature: nil, now: docTime, expected: .missingSignature),
        Case(name: "empty signature", secret: docSecret, body: docBody, timestamp: docTimestamp, signature: "", now: docTime, expected: .missingSignature),
        Case(name: "garbled timestamp", secret: docSecret, body: docBody, timestamp: "15314x0618", signature: docSignature, now: docTime, expected: .malformedTimestamp),
        Case(name: "huge timestamp", secret: docSecret, body: docBody, timestamp: String(repeating: "9", count: 40), signature: docSignature, now: docTime, expected: .malformedTimestamp),
        Case(name: "stale by 5 min 1 s", secret: docSecret, body: docBody, timestamp: docTimestamp, signature: docSignature, now: Date(timeIntervalSince1970: 1_531_420_618 + 301), expected: .staleTimestamp),
        Case(name: "from the future by 5 min 1 s", secret: docSecret, body: docBody, timestamp: docTimestamp, signature: docSignature, now: Date(timeIntervalSince1970: 1_531_420_618 - 301), expected: .staleTimestamp),
        Case(name: "wrong version prefix", secret: docSecret, body: docBody, timestamp: docTimestamp, signature: "v1=" + docSignature.dropFirst(3), now: docTime, expected: .malformedSignature),
        Case(name: "not hex", secret: docSecret, body: docBody, timestamp: docTimestamp, signature: "v0=" + String(repeating: "zz", count: 32), now: docTime, expected: .malformedSignature),
        Case(name: "truncated", secret: docSecret, body: docBody, timestamp: docTimestamp, signature: String(docSignature.dropLast(2)), now: docTime, expected: .malformedSignature),
    ]

    @Test(arguments: refusals) func refusesWithAStableCode(_ c: Case) {
        let verifier = SlackSignatureVerifier(signingSecret: c.secret)
        #expect(throws: c.expected) {
            try verifier.verify(body: Array(c.body.utf8), timestamp: c.timestamp, signature: c.signature, now: c.now)
        }
    }

    @Test func signatureHelperMatchesPublishedExample() {
        let verifier = SlackSignatureVerifier(signingSecret: Self.docSecret)
        #expect(verifier.signature(body: Array(Self.docBody.utf8), timestamp: Self.docTimestamp) == Self.docSignature)
    }

    @Test func slashCommandFieldsDecodeFromThePublishedBody() throws {
        let command = try #require(SlashCommand(form: FormDecoding.decode(Array(Self.docBody.utf8))))
        #expect(command.command == "/webhook-collect")
        #expect(command.text == "")
        #expect(command.userId == "U2CERLKJA")
        #expect(command.channelId == "G8PSS9T3V")
        #expect(command.responseURL == "https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN")
        #expect(command.triggerId == "398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
    }

    @Test func formDecodingKeepsBrokenEscapesAndDecodesPlusAsSpace() {
        let fields = FormDecoding.decode(Array("text=a+b%2Fc%zz%4&empty=&=novalue&text=second".utf8))
        #expect(fields["text"] == "a b/c%zz%4")
        #expect(fields["empty"] == "")
    }
}
