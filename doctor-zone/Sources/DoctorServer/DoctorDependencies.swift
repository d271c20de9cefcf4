import ChatOps
import Logging

/// The outside world `doctor serve` talks to; tests pass fakes that speak the same wire formats.
public struct DoctorDependencies: Sendable {
    public var diagnosis: any DiagnosisService
    public var slack: any SlackAPI
    public var certificates: any CertificateFetching
    public var subscriptions: any SubscriptionConfirming
    public var logger: Logger

    public init(diagnosis: any DiagnosisService, slack: any SlackAPI, certificates: any CertificateFetching,
                subscriptions: any SubscriptionConfirming, logger: Logger)
    {
        self.diagnosis = diagnosis
        self.slack = slack
        self.certificates = certificates
        self.subscriptions = subscriptions
        self.logger = logger
    }
}
