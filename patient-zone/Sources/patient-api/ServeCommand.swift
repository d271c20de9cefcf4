import AWSCore
import ArgumentParser
import Foundation
import Hummingbird
import Logging
import PatientAPI
import ServiceLifecycle
import StructuredLogging

/// `patient-api serve`: the HTTP API on `$PORT`, JSON logs on stdout, graceful on SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the Patient API (configuration from the environment, see DESIGN.md).",
        discussion: """
            On SIGTERM/SIGINT it stops accepting, lets in-flight requests finish (at most \
            --shutdown-seconds), then closes the MySQL pool.
            """
    )

    @Flag(help: "Apply pending migrations before serving (also MIGRATE_ON_START=1).")
    var migrate = false

    @Option(help: "Longest graceful shutdown, in seconds.")
    var shutdownSeconds = 25

    func run() async throws {
        PatientAPIApplication.runTasksOnEventLoops()
        // CLOUDWATCH_LOG_GROUP set: lines also go to CloudWatch Logs (batched; see CloudWatchLogSink).
        let direct = DirectCloudWatchLogging.fromEnvironment(service: "patient-api")
        StructuredLogging.bootstrap(service: "patient-api", sink: direct?.sink ?? FileDescriptorSink.standardOutput)
        let logger = Logger(label: "patient-api")
        let configuration: PatientAPIConfiguration
        do {
            configuration = try PatientAPIConfiguration(environment: ProcessInfo.processInfo.environment)
        } catch {
            logger.critical("invalid configuration: \(error)", metadata: ["error.code": "invalid_configuration"])
            throw ExitCode(2)
        }
        let api = try PatientAPIApplication(configuration: configuration, logger: logger)
        if migrate || configuration.migrateOnStart {
            guard let directory = Migrations.directory(configured: configuration.migrationsDirectory) else {
                logger.critical("no migrations directory found (set MIGRATIONS_DIR)", metadata: ["error.code": "migrations_missing"])
                throw ExitCode(2)
            }
            try await Migrations.run(pool: api.pool, directory: directory, logger: logger)
        }
        logger.info("patient-api starting", metadata: [
            "http.port": "\(configuration.port)", "db.host": "\(configuration.mysql.redactedDescription)",
            "bcrypt.cost": "\(configuration.bcryptCost)", "chaos.enabled": "\(configuration.chaosToken != nil)",
        ])
        // The sink service is listed first so it stops last and flushes the API's final lines.
        let sinkServices: [any Service] = direct.map { [CloudWatchSinkService(sink: $0.cloudWatch)] } ?? []
        var groupConfiguration = ServiceGroupConfiguration(
            services: sinkServices + [api.application()], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(shutdownSeconds)
        try await ServiceGroup(configuration: groupConfiguration).run()
        logger.info("patient-api stopped")
        await direct?.cloudWatch.flush()
    }
}

/// Runs the CloudWatch sink's flush loop until graceful shutdown, then flushes what is left.
struct CloudWatchSinkService: Service {
    let sink: CloudWatchLogSink
    func run() async throws {
        await cancelWhenGracefulShutdown { await sink.run() }
    }
}
