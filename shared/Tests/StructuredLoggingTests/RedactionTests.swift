import Logging
import StructuredLogging
import Testing

@Suite("Log redaction")
struct RedactionTests {
    static let sensitiveKeys = [
        "password", "Password", "PASSWORD", "db.password", "DB_PASSWORD", "newPassword", "token", "accessToken",
        "refresh_token", "authorization", "Authorization", "secret", "client_secret", "cookie", "Set-Cookie",
        "api_key", "x-api-key", "apiKey", "aws.credentials",
    ]
    static let ordinaryKeys = ["user", "email", "tokens_used", "passwordless", "status", "keyboard", "secretary"]

    private func log(_ metadata: Logger.Metadata, redactor: LogRedactor = .standard) throws -> [String: Any] {
        let sink = CollectingSink()
        let logger = Logger(label: "t") { JSONLogHandler(label: $0, service: "s", sink: sink, redactor: redactor) }
        logger.info("x", metadata: metadata)
        return try sink.onlyObject()
    }

    @Test("sensitive keys are replaced by [REDACTED]", arguments: sensitiveKeys)
    func sensitive(key: String) throws {
        let object = try log([key: "hunter2-value"])
        #expect(object[key] as? String == "[REDACTED]")
    }

    @Test("ordinary keys are kept", arguments: ordinaryKeys)
    func ordinary(key: String) throws {
        let object = try log([key: "visible"])
        #expect(object[key] as? String == "visible")
    }

    @Test("a sensitive key inside nested metadata is redacted; a sensitive parent hides its children")
    func nested() throws {
        let object = try log([
            "db": ["user": "cloud", "password": "hunter2"],
            "authorization": ["scheme": "Bearer", "value": "abc"],
            "items": [["token": "t1", "id": "1"]],
        ])
        #expect(object["db.user"] as? String == "cloud")
        #expect(object["db.password"] as? String == "[REDACTED]")
        #expect(object["authorization"] as? String == "[REDACTED]")
        #expect(object["authorization.value"] == nil)
        let item = try #require((object["items"] as? [Any])?.first as? [String: Any])
        #expect(item["token"] as? String == "[REDACTED]")
        #expect(item["id"] as? String == "1")
    }

    @Test("callers can add words")
    func addedWords() throws {
        let object = try log(["user.ssn": "123-45-6789", "user.name": "Ann"], redactor: .standard.adding(words: ["SSN"]))
        #expect(object["user.ssn"] as? String == "[REDACTED]")
        #expect(object["user.name"] as? String == "Ann")
    }

    @Test("a custom redactor sees every value with its dotted key and can replace it")
    func customRedactor() throws {
        let redactor = LogRedactor.standard.withCustom { key, value in
            value.hasPrefix("Bearer ") ? "Bearer [REDACTED]" : (key == "card.number" ? "****" : nil)
        }
        let object = try log(["header": "Bearer abc.def", "card": ["number": "4111"], "other": "kept"], redactor: redactor)
        #expect(object["header"] as? String == "Bearer [REDACTED]")
        #expect(object["card.number"] as? String == "****")
        #expect(object["other"] as? String == "kept")
    }
}
