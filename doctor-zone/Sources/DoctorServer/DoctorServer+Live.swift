import AsyncHTTPClient
import ChatOps
import Hummingbird
import Logging

extension DoctorServer {
    /// The real outside world: Slack over HTTPS, SNS certificates over HTTPS.
    public static func live(config: DoctorConfig, diagnosis: any DiagnosisService, logger: Logger) -> DoctorServer {
        let http = HTTPClient.shared
        let slack = SlackHTTPClient(apiURL: config.slackAPIURL, botToken: config.botToken,
                                    allowedResponseURLPrefixes: config.responseURLPrefixes, httpClient: http, logger: logger)
        return DoctorServer(config: config, dependencies: DoctorDependencies(
            diagnosis: diagnosis, slack: slack, certificates: HTTPCertificateFetcher(httpClient: http),
            subscriptions: HTTPSubscriptionConfirmer(httpClient: http), logger: logger))
    }
}
