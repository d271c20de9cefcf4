import AWSCore
import ArgumentParser
import ChatOps
import CloudClients
import DoctorServer
import Foundation
import Logging
import StructuredLogging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Runs the Slack/SNS service on $HOST:$PORT (defaults 0.0.0.0:8080)."
    )

    func run() async throws {
        // JSON lines on stdout (Cloud Run's structured logging); level from LOG_LEVEL.
        StructuredLogging.bootstrap(service: "doctor")
        let logger = Logger(label: "doctor.serve")
        let config = DoctorConfig.fromEnvironment()
        if config.signingSecret == nil {
            logger.warning("SLACK_SIGNING_SECRET is not set: Slack requests will be refused and /readyz answers 503")
        }
        let environment = ProcessInfo.processInfo.environment
        // Log files when DOCTOR_LOG_DIR is set (local runs, the demo); else CloudWatch Logs through the
        // standard credential chain. Nothing is fetched here: credentials resolve on the first diagnosis.
        let source: any LogSource
        if let directory = environment["DOCTOR_LOG_DIR"], !directory.isEmpty {
            source = FileLogSource(directory: directory)
        } else if let logs = try? CloudWatchLogsClient.standard(environment: environment, logger: logger) {
            source = CloudWatchLogSource(logs: logs)
        } else {
            source = UnconfiguredLogSource()
        }
        let diagnosis = PipelineDiagnosisService.cloud(
            CloudDiagnosisService.fromEnvironment(environment), source: source,
            terraformDirectory: environment["DOCTOR_TERRAFORM_DIR"] ?? "infra/aws")
        let server = DoctorServer.live(config: config, diagnosis: diagnosis, logger: logger)
        let app = server.makeApplication { channel in
            logger.notice("listening", metadata: ["address": "\(channel.localAddress?.description ?? "?")"])
        }
        try await app.runService()
    }
}
