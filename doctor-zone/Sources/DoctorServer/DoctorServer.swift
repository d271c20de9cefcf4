import ChatOps
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// `doctor serve`: Slack commands and interactions, SNS alarms, health and metrics.
/// Building it does no I/O: the first `/healthz` is answered as soon as the socket listens.
public struct DoctorServer: Sendable {
    public let config: DoctorConfig
    public let metrics: ServerMetrics
    /// Diagnoses (slow, limited concurrency).
    public let queue: JobQueue
    /// Button follow-ups (quick ones; "Check again" re-diagnoses but is rare).
    public let followUps: JobQueue
    let dependencies: DoctorDependencies
    let desk: CommandDesk
    let jobs: DiagnosisJobs
    let snsVerifier: SNSVerifier
    let verifier: SlackSignatureVerifier?

    public init(config: DoctorConfig, dependencies: DoctorDependencies) {
        self.config = config
        self.dependencies = dependencies
        let metrics = ServerMetrics()
        self.metrics = metrics
        queue = JobQueue(maxConcurrent: config.maxConcurrentJobs, capacity: config.queueCapacity, gracePeriod: config.shutdownGrace,
                         dedicatedThreads: true)
        followUps = JobQueue(maxConcurrent: 4, capacity: 100, gracePeriod: config.shutdownGrace, dedicatedThreads: true)
        let store = ResultStore()
        let phrases = Phrases(config.language)
        jobs = DiagnosisJobs(
            config: config, diagnosis: dependencies.diagnosis, slack: dependencies.slack,
            renderer: DiagnosisRenderer(language: config.language, canUploadFiles: dependencies.slack.hasBotToken),
            phrases: phrases, store: store, alerts: AlertThreads(cooldown: config.alertCooldown), metrics: metrics,
            logger: dependencies.logger)
        desk = CommandDesk(
            config: config, parser: CommandParser(defaultLogGroup: config.defaultLogGroup), phrases: phrases, queue: queue,
            jobs: jobs, store: store, metrics: metrics, diagnosis: dependencies.diagnosis, logger: dependencies.logger)
        snsVerifier = SNSVerifier(
            policy: SNSURLPolicy(extraOrigins: config.snsExtraOrigins),
            certificates: CertificateCache(fetcher: dependencies.certificates), allowedTopics: config.snsAllowedTopics)
        verifier = config.signingSecret.map { SlackSignatureVerifier(signingSecret: $0) }
    }

    /// The HTTP application with the job queues as services: a SIGTERM (or `triggerGracefulShutdown`)
    /// stops the listener first, then lets running jobs finish within the grace period.
    public func makeApplication(onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }) -> some ApplicationProtocol {
        let router = Router()
        addRoutes(to: router)
        return Application(
            router: router,
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: "cloud-doctor"),
            services: [QueueService(queues: [queue, followUps])],
            onServerRunning: onServerRunning,
            logger: dependencies.logger
        )
    }

    var isReady: Bool { verifier != nil && !queue.isShuttingDown }
}
