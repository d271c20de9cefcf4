import Foundation
import Logging
import StructuredLogging
import Testing

private func makeLogger(
    label: String = "patient-api.test",
    sink: CollectingSink,
    redactor: LogRedactor = .standard,
    level: Logger.Level = .trace
) -> Logger {
    Logger(label: label) { label in
        JSONLogHandler(label: label, service: "patient-api", level: level, sink: sink, redactor: redactor)
    }
}

struct DatabaseTimeout: Error, CustomStringConvertible {
    var description: String { "query timed out after 5 s" }
}

@Suite("JSONLogHandler")
struct JSONLogHandlerTests {
    @Test("a line holds timestamp, level, message, logger and service")
    func fixedFields() throws {
        let sink = CollectingSink()
        makeLogger(sink: sink).notice("user signed up")
        let object = try sink.onlyObject()
        #expect(object["level"] as? String == "notice")
        #expect(object["message"] as? String == "user signed up")
        #expect(object["logger"] as? String == "patient-api.test")
        #expect(object["service"] as? String == "patient-api")
        let timestamp = try #require(object["timestamp"] as? String)
        #expect(timestamp.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/) != nil, "\(timestamp)")
        let parsed = try Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(timestamp)
        #expect(abs(parsed.timeIntervalSinceNow) < 60)
    }

    @Test("levels below the handler's level are not written")
    func levelFilter() {
        let sink = CollectingSink()
        let logger = makeLogger(sink: sink, level: .warning)
        logger.info("hidden")
        logger.debug("hidden")
        logger.warning("shown")
        #expect(sink.lines.count == 1)
    }

    @Test("nested metadata is flattened to dotted keys; arrays stay arrays")
    func flattening() throws {
        let sink = CollectingSink()
        var logger = makeLogger(sink: sink)
        logger[metadataKey: "request.id"] = "r-1"
        logger.info("query", metadata: [
            "db": ["host": "10.0.0.5", "pool": ["size": "10", "inUse": .stringConvertible(7)]],
            "tags": ["a", "b", ["k": "v"]],
        ])
        let object = try sink.onlyObject()
        #expect(object["request.id"] as? String == "r-1")
        #expect(object["db.host"] as? String == "10.0.0.5")
        #expect(object["db.pool.size"] as? String == "10")
        #expect(object["db.pool.inUse"] as? String == "7")
        let tags = try #require(object["tags"] as? [Any])
        #expect(tags.count == 3)
        #expect(tags[0] as? String == "a")
        #expect((tags[2] as? [String: Any])?["k"] as? String == "v")
        #expect(object["db"] == nil)
    }

    @Test("call metadata wins over logger metadata with the same key")
    func metadataPrecedence() throws {
        let sink = CollectingSink()
        var logger = makeLogger(sink: sink)
        logger[metadataKey: "step"] = "logger"
        logger.info("x", metadata: ["step": "call"])
        #expect(try sink.onlyObject()["step"] as? String == "call")
    }

    @Test("an error passed to the logger becomes error.type and error.message")
    func errorFields() throws {
        let sink = CollectingSink()
        makeLogger(sink: sink).error("query failed", error: DatabaseTimeout())
        let object = try sink.onlyObject()
        #expect((object["error.type"] as? String)?.hasSuffix("DatabaseTimeout") == true)
        #expect(object["error.message"] as? String == "query timed out after 5 s")
    }

    @Test("metadata keys that clash with fixed keys are kept under metadata.")
    func clashingKeys() throws {
        let sink = CollectingSink()
        makeLogger(sink: sink).info("real", metadata: ["message": "fake", "level": "fake"])
        let object = try sink.onlyObject()
        #expect(object["message"] as? String == "real")
        #expect(object["level"] as? String == "info")
        #expect(object["metadata.message"] as? String == "fake")
        #expect(object["metadata.level"] as? String == "fake")
    }

    static let awkwardMessages = [
        "quote \" backslash \\ slash /",
        "new\nline\r\ttab",
        "control \u{01}\u{1F}\u{7F} bytes",
        "unicode é 日本 🔐 \u{2028}",
        "",
    ]

    @Test("messages with quotes, control characters and Unicode round-trip exactly", arguments: awkwardMessages)
    func escaping(message: String) throws {
        let sink = CollectingSink()
        makeLogger(sink: sink).info("\(message)", metadata: ["field": "\(message)"])
        let object = try sink.onlyObject()
        #expect(object["message"] as? String == message)
        #expect(object["field"] as? String == message)
    }
}
