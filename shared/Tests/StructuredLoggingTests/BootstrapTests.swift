import Logging
import StructuredLogging
import Testing

@Suite("LOG_LEVEL")
struct LogLevelTests {
    static let cases: [(String?, Logger.Level, Bool)] = [
        (nil, .info, false),
        ("", .info, false),
        ("debug", .debug, false),
        ("DEBUG", .debug, false),
        (" trace ", .trace, false),
        ("warn", .warning, false),
        ("Warning", .warning, false),
        ("critical", .critical, false),
        ("verbose", .info, true),
        ("5", .info, true),
    ]

    @Test("LOG_LEVEL selects the level; unknown text falls back and is reported", arguments: cases)
    func parse(value: String?, expected: Logger.Level, rejected: Bool) {
        let environment = value.map { ["LOG_LEVEL": $0] } ?? [:]
        let result = StructuredLogging.logLevel(from: environment, default: .info)
        #expect(result.level == expected)
        #expect((result.rejected != nil) == rejected)
    }
}
