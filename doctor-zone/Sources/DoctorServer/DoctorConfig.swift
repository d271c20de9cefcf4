import ChatOps
import Foundation

/// Everything `doctor serve` reads from the environment. Reading it does no I/O beyond the dictionary.
public struct DoctorConfig: Sendable {
    public var host = "0.0.0.0"
    public var port = 8080
    public var signingSecret: String?
    public var botToken: String?
    public var slackAPIURL = "https://slack.com/api"
    /// Where `response_url`s may point (defence in depth; Slack's are on hooks.slack.com).
    public var responseURLPrefixes = ["https://hooks.slack.com/"]
    public var language = Language.en
    public var defaultLogGroup: String?
    public var alertChannel: String?
    public var maxConcurrentJobs = 2
    public var queueCapacity = 20
    public var maxBodyBytes = 64 * 1024
    public var snsMaxBodyBytes = 256 * 1024
    /// Cloud Run sends SIGTERM and waits 10 s: running jobs get this long to finish.
    public var shutdownGrace = Duration.seconds(8)
    public var alertCooldown: TimeInterval = 30 * 60
    /// Only for tests/emulators: extra `https://host:port` origins trusted for SNS certificate and SubscribeURLs.
    public var snsExtraOrigins: [String] = []
    public var snsAllowedTopics: Set<String> = []

    public init() {}

    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> DoctorConfig {
        var config = DoctorConfig()
        func value(_ name: String) -> String? {
            guard let raw = env[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        func list(_ name: String) -> [String] {
            value(name)?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } ?? []
        }
        if let host = value("HOST") { config.host = host }
        if let port = value("PORT").flatMap(Int.init), (1...65_535).contains(port) { config.port = port }
        config.signingSecret = value("SLACK_SIGNING_SECRET")
        config.botToken = value("SLACK_BOT_TOKEN")
        if let api = value("SLACK_API_URL") { config.slackAPIURL = api }
        let prefixes = list("SLACK_RESPONSE_URL_PREFIXES")
        if !prefixes.isEmpty { config.responseURLPrefixes = prefixes }
        config.language = Language(environmentValue: value("DOCTOR_LANGUAGE"))
        config.defaultLogGroup = value("DOCTOR_LOG_GROUP")
        config.alertChannel = value("SLACK_ALERT_CHANNEL")
        if let jobs = value("DOCTOR_MAX_JOBS").flatMap(Int.init), (1...64).contains(jobs) { config.maxConcurrentJobs = jobs }
        if let capacity = value("DOCTOR_QUEUE_CAPACITY").flatMap(Int.init), (0...10_000).contains(capacity) { config.queueCapacity = capacity }
        if let grace = value("DOCTOR_SHUTDOWN_GRACE").flatMap(Double.init), grace >= 0, grace <= 3_600 {
            config.shutdownGrace = .milliseconds(Int64(grace * 1_000))
        }
        if let cooldown = value("DOCTOR_ALERT_COOLDOWN").flatMap(CommandParser.duration) { config.alertCooldown = cooldown }
        config.snsExtraOrigins = list("SNS_TEST_TRUSTED_ORIGINS")
        config.snsAllowedTopics = Set(list("SNS_TOPIC_ARNS"))
        return config
    }
}
