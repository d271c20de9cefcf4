import CloudDoctorModels
import Foundation
import Testing
@testable import LogTriage

/// Feeds lines through a fresh ingestor and returns the events.
func ingest(_ lines: [String], source: String? = "test.log") -> ([LogEvent], IngestStatistics) {
    var ingestor = LogIngestor()
    var events: [LogEvent] = []
    for line in lines { ingestor.feed(line: Array(line.utf8), source: source) { events.append($0) } }
    ingestor.finish { events.append($0) }
    return (events, ingestor.statistics)
}

@Suite("Ingest: line formats")
struct IngestFormatTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var line: String
        var timestamp: String?
        var level: LogLevel?
        var source: String?
        var message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "our JSON line", line: #"{"timestamp":"2026-11-27T17:20:53.123Z","level":"error","message":"mysql pool exhausted","logger":"patient-api","service":"patient-api","error.code":"pool_exhausted"}"#,
             timestamp: "2026-11-27T17:20:53.123Z", level: .error, source: "patient-api", message: "mysql pool exhausted"),
        Case(name: "CloudWatch single event", line: #"{"timestamp":1795800053123,"message":"2026-11-27 17:20:53,123 - app.db - ERROR - boom","logStreamName":"web/1","ingestionTime":1795800053500}"#,
             timestamp: "2026-11-27T17:20:53.123Z", level: .error, source: "app.db", message: "boom"),
        Case(name: "pino JSON, numeric level and ms time", line: #"{"level":50,"time":1795800053000,"msg":"upstream failed","name":"web"}"#,
             timestamp: "2026-11-27T17:20:53.000Z", level: .error, source: "web", message: "upstream failed"),
        Case(name: "ISO 8601 with bracketed level", line: "2026-11-27T17:20:53Z [WARN] disk almost full",
             timestamp: "2026-11-27T17:20:53.000Z", level: .warning, source: nil, message: "disk almost full"),
        Case(name: "ISO 8601 with offset", line: "2026-11-27T18:20:53.500+01:00 ERROR boom",
             timestamp: "2026-11-27T17:20:53.500Z", level: .error, source: nil, message: "boom"),
        Case(name: "log4j", line: "2026-11-27 17:20:53,123 ERROR [main] com.example.OrderService - order failed",
             timestamp: "2026-11-27T17:20:53.123Z", level: .error, source: "com.example.OrderService", message: "order failed"),
        Case(name: "Python logging", line: "2026-11-27 17:20:53,123 - app.db - WARNING - slow query 812ms",
             timestamp: "2026-11-27T17:20:53.123Z", level: .warning, source: "app.db", message: "slow query 812ms"),
        Case(name: "Python basicConfig", line: "ERROR:root:could not open socket",
             timestamp: nil, level: .error, source: "root", message: "could not open socket"),
        Case(name: "Go std log", line: "2026/11/27 17:20:53 dial tcp 10.0.0.5:443: i/o timeout",
             timestamp: "2026-11-27T17:20:53.000Z", level: .error, source: nil, message: "dial tcp 10.0.0.5:443: i/o timeout"),
        Case(name: "syslog", line: "Nov 27 17:20:53 ip-10-0-1-5 kernel[0]: Out of memory: Killed process 4242 (java)",
             timestamp: "2026-11-27T17:20:53.000Z", level: .error, source: "kernel", message: "Out of memory: Killed process 4242 (java)"),
        Case(name: "nginx error log", line: "2026/11/27 17:20:53 [error] 31#31: *1 connect() failed (111: Connection refused) while connecting to upstream",
             timestamp: "2026-11-27T17:20:53.000Z", level: .error, source: nil, message: "31#31: *1 connect() failed (111: Connection refused) while connecting to upstream"),
        Case(name: "nginx access log", line: #"10.0.0.1 - - [27/Nov/2026:17:20:53 +0000] "GET /api/users/me HTTP/1.1" 502 157 "-" "curl/8.5""#,
             timestamp: "2026-11-27T17:20:53.000Z", level: .error, source: "access-log", message: #"10.0.0.1 "GET /api/users/me HTTP/1.1" 502 157"#),
        Case(name: "ALB access log", line: #"https 2026-11-27T17:20:53.123456Z app/web/50dc 1.2.3.4:5678 - -1 -1 -1 503 - 34 366 "GET https://api.example.com:443/ HTTP/1.1" "curl/8" - -"#,
             timestamp: "2026-11-27T17:20:53.123Z", level: .error, source: "alb", message: "ALB app/web/50dc GET https://api.example.com:443/ HTTP/1.1 elb_status_code=503 target_status_code=- target=- target_processing_time=-1"),
        Case(name: "ECS agent logfmt", line: #"level=info time=2026-11-27T17:20:53Z msg="Task stopped" exitCode=137 reason="OutOfMemoryError: Container killed""#,
             timestamp: "2026-11-27T17:20:53.000Z", level: .info, source: nil, message: #"Task stopped exitCode=137 reason="OutOfMemoryError: Container killed""#),
        Case(name: "RDS event", line: "2026-11-27 17:20:53 UTC db-instance patient-db: Multi-AZ instance failover started.",
             timestamp: "2026-11-27T17:20:53.000Z", level: .info, source: nil, message: "db-instance patient-db: Multi-AZ instance failover started."),
        Case(name: "MySQL error log", line: "2026-11-27T17:20:53.123456Z 45 [ERROR] [MY-013132] [Server] The table 'sessions' is full!",
             timestamp: "2026-11-27T17:20:53.123Z", level: .error, source: "45", message: "[MY-013132] [Server] The table 'sessions' is full!"),
    ]

    @Test("each format yields its timestamp, level, source and message", arguments: cases)
    func parsesFormat(_ c: Case) {
        let (events, stats) = ingest([c.line], source: nil)
        #expect(events.count == 1)
        #expect(stats.malformed == 0)
        guard let e = events.first else { return }
        #expect(e.timestamp.map(RFC3339.string(from:)) == c.timestamp)
        #expect(e.level == c.level)
        #expect(e.source == c.source)
        #expect(e.message == c.message)
    }

    @Test("a pretty-printed filter-log-events document becomes one event per CloudWatch event")
    func cloudWatchDocument() {
        let doc = """
        {
          "events": [
            {"logStreamName": "api/1", "timestamp": 1795800053000, "message": "{\\"timestamp\\":\\"2026-11-27T17:20:53.000Z\\",\\"level\\":\\"error\\",\\"message\\":\\"db down\\"}", "ingestionTime": 1, "eventId": "1"},
            {"logStreamName": "api/1", "timestamp": 1795800054000, "message": "plain text line", "ingestionTime": 1, "eventId": "2"}
          ],
          "searchedLogStreams": []
        }
        """
        let (events, stats) = ingest(doc.components(separatedBy: "\n"))
        #expect(events.map(\.message) == ["db down", "plain text line"])
        #expect(events[0].level == .error)
        #expect(events[1].source == "api/1")
        #expect(events[1].timestamp == Date(timeIntervalSince1970: 1_795_800_054))
        #expect(stats.malformed == 0)
    }

    @Test("broken JSON, invalid UTF-8 and over-long lines are counted as malformed, never fatal")
    func malformedIsCounted() {
        var ingestor = LogIngestor()
        var events: [LogEvent] = []
        let lines: [[UInt8]] = [
            Array(#"{"level":"error","message":"cut off"#.utf8),
            [0x66, 0x6F, 0xFF, 0xFE, 0x20, 0x6F],
            Array(repeating: 0x61, count: 70_000),
            Array("2026-11-27T17:20:53Z ERROR fine".utf8),
        ]
        for line in lines { ingestor.feed(line: line) { events.append($0) } }
        ingestor.finish { events.append($0) }
        #expect(ingestor.statistics.malformed == 3)
        #expect(events.count == 4)
        #expect(events.last?.message == "fine")
    }
}
