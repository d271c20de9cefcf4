import ChatOps
import Testing

@Suite struct CommandParserTests {
    let parser = CommandParser(defaultLogGroup: "/ecs/patient-api")

    struct Case: Sendable, CustomTestStringConvertible {
        let command: String
        let text: String
        let expected: ParsedCommand
        var testDescription: String { "\(command) \(text.prefix(40))" }
    }

    static let accepted: [Case] = [
        Case(command: "/analyze-logs", text: "", expected: .diagnose(.init(kind: .analyze, logGroup: "/ecs/patient-api", since: 3_600))),
        Case(command: "/analyze-logs", text: "/ecs/other 30m", expected: .diagnose(.init(kind: .analyze, logGroup: "/ecs/other", since: 1_800))),
        Case(command: "/analyze-logs", text: "2h", expected: .diagnose(.init(kind: .analyze, logGroup: "/ecs/patient-api", since: 7_200))),
        Case(command: "/analyze-logs", text: "  plain-group   1d ", expected: .diagnose(.init(kind: .analyze, logGroup: "plain-group", since: 86_400))),
        Case(command: "/terraform", text: "/ecs/api 2h db pool too small", expected: .diagnose(.init(kind: .terraform, logGroup: "/ecs/api", since: 7_200, description: "db pool too small"))),
        Case(command: "/terraform", text: "db pool too small", expected: .diagnose(.init(kind: .terraform, logGroup: "/ecs/patient-api", since: 3_600, description: "db pool too small"))),
        Case(command: "/terraform", text: "api 45m", expected: .diagnose(.init(kind: .terraform, logGroup: "api", since: 2_700))),
        Case(command: "/terraform", text: "/ecs/api 2 replicas are not enough", expected: .diagnose(.init(kind: .terraform, logGroup: "/ecs/api", since: 3_600, description: "2 replicas are not enough"))),
        Case(command: "/doctor", text: "help", expected: .help),
        Case(command: "/doctor", text: "", expected: .help),
        Case(command: "/doctor", text: "STATUS", expected: .status),
    ]

    @Test(arguments: accepted) func readsWhatOperatorsType(_ c: Case) {
        #expect(parser.parse(command: c.command, text: c.text) == c.expected)
    }

    static let refused: [(String, String)] = [
        ("/analyze-logs", "--verbose"),
        ("/analyze-logs", "/ecs/api 30min"),
        ("/analyze-logs", "/ecs/api 15d"),
        ("/analyze-logs", "/ecs/api 0m"),
        ("/analyze-logs", "/ecs/api 30m extra words"),
        ("/analyze-logs", "grp;rm -rf /"),
        ("/analyze-logs", "$(whoami)"),
        ("/analyze-logs", String(repeating: "a", count: 2_000)),
        ("/analyze-logs", "/ecs/api\u{0007}"),
        ("/terraform", "/ecs/api 2h " + String(repeating: "word ", count: 200)),
        ("/doctor", "reboot"),
        ("/doctor", "status now"),
        ("/unknown", "x"),
    ]

    @Test(arguments: refused) func unusableTextGetsUsageNotAnError(_ command: String, _ text: String) {
        guard case .usage(let detail) = parser.parse(command: command, text: text) else {
            Issue.record("expected a usage message for \(command) \(text.prefix(30))")
            return
        }
        #expect(!detail.isEmpty)
        #expect(detail.count < 200)
    }

    @Test func noLogGroupAnywhereIsAUsageMessage() {
        let bare = CommandParser(defaultLogGroup: nil)
        guard case .usage(let detail) = bare.parse(command: "/analyze-logs", text: "30m") else {
            Issue.record("expected usage")
            return
        }
        #expect(detail.contains("DOCTOR_LOG_GROUP"))
    }

    @Test(arguments: [("30m", 1_800.0), ("2h", 7_200.0), ("1d", 86_400.0), ("45s", 45.0)])
    func durations(_ token: String, _ seconds: Double) {
        #expect(CommandParser.duration(token) == seconds)
    }

    @Test(arguments: ["", "m", "5", "5x", "-5m", "1.5h", "abc"])
    func notDurations(_ token: String) {
        #expect(CommandParser.duration(token) == nil)
    }
}
