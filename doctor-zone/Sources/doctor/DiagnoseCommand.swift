import ArgumentParser
import CloudDoctorModels
import Diagnosis
import Foundation
import LogTriage
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `doctor diagnose [FILE…|-]`: logs in, diagnosis and Terraform fix out, offline.
/// Exit codes: 0 diagnosed, 3 nothing wrong found, 2 bad input.
struct DiagnoseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagnose",
        abstract: "Read logs, find the root cause, and write the Terraform fix.",
        discussion: """
        Reads log files (or standard input with '-' or no file): our JSON lines, CloudWatch \
        filter-log-events JSON, and plain text (ISO 8601, syslog, log4j, Python, Go, nginx, ALB, ECS, RDS).
        Exit status: 0 diagnosed, 3 nothing wrong found, 2 bad input.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, slack, html
    }

    @Argument(help: "Log files to read; '-' or none reads standard input.")
    var files: [String] = []

    @Option(help: "Output format: text, json, slack (Block Kit JSON) or html (a self-contained report).")
    var format: Format = .text

    @Flag(help: "Print exactly the redacted evidence that would be sent to a model, then stop.")
    var showPrompt = false

    @Option(help: "Directory of the Terraform the prescription edits.")
    var terraformDir = "infra/aws"

    @Option(help: "Token budget for the evidence handed to an analyzer.")
    var budgetTokens = TriageConfiguration.defaultBudgetTokens

    @Flag(help: "Keep IP addresses in the evidence (they are redacted by default).")
    var keepIps = false

    // CloudWatch input (cloud-clients issue; see DiagnoseCommand+Cloud.swift).
    @Option(help: "Read this CloudWatch Logs group instead of files (standard AWS credentials and endpoints).")
    var logGroup: String?

    @Option(help: "With --log-group: how far back to read, like 30m, 2h or 1d.")
    var since = "1h"

    func run() async throws {
        guard budgetTokens >= 500, budgetTokens <= 1_000_000 else {
            Self.fail("--budget-tokens must be between 500 and 1000000")
        }
        var triage = TriageConfiguration()
        triage.budgetTokens = budgetTokens
        triage.redaction.ipAddresses = !keepIps

        if logGroup != nil, !files.isEmpty { Self.fail("give log files or --log-group, not both") }
        let inputs = files.isEmpty ? [LogInput.standardInput] : files.map(LogInput.init(argument:))
        let (pack, statistics) = if let logGroup {
            await cloudWatchPack(group: logGroup, since: since, triage: triage)
        } else {
            readEvents(inputs, triage: triage)
        }
        if statistics.events == 0 {
            Self.fail("no log events in the input (\(statistics.lines) lines, \(statistics.malformed) malformed)")
        }
        if statistics.lines >= 10, statistics.malformed * 2 > statistics.lines {
            Self.fail("the input does not look like logs: \(statistics.malformed) of \(statistics.lines) lines are malformed")
        }

        if showPrompt {
            print(AnalysisPrompt.text(for: pack))
            return
        }

        let terraform = TerraformContext.load(directory: terraformDir)
        let (diagnosed, foundIncident) = await diagnoseWithModels(pack: pack, triage: triage, terraform: terraform)
        var diagnosis = diagnosed
        if !terraform.problems.isEmpty {
            diagnosis.notes.append("Terraform files that did not parse were left alone: \(terraform.problems.joined(separator: "; "))")
        }

        switch format {
        case .text:
            let color = isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            print(TextReportRenderer(color: color).render(diagnosis), terminator: "")
        case .json:
            let data = try CloudDoctorJSON.encoder(pretty: true).encode(diagnosis)
            print(String(decoding: data, as: UTF8.self))
        case .slack:
            print(SlackRenderer().render(diagnosis))
        case .html:
            print(HTMLReport().render(diagnosis))
        }
        if !foundIncident { throw ExitCode(3) }
    }

    /// Streams every input through ingestion (on a thread of its own) and triage (on this one);
    /// nothing is kept per line.
    private func readEvents(_ inputs: [LogInput], triage: TriageConfiguration) -> (EvidencePack, IngestStatistics) {
        var engine = TriageEngine(configuration: triage)
        var options = LogIngestor.Options()
        options.triageFieldsOnly = true // events go to triage only: JSON fields it never reads are not copied
        let progress = Progress()
        let statistics: IngestStatistics
        do {
            statistics = try ConcurrentReader(options: options).read(inputs, progress: progress.update(bytes:)) { engine.add($0) }
        } catch {
            Self.fail(error.description)
        }
        progress.finish()
        let source = inputs.map(\.name).joined(separator: ", ")
        return (engine.finish(source: source, statistics: statistics), statistics)
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("doctor diagnose: \(message)\n".utf8))
        Foundation.exit(2)
    }
}

/// A progress line on stderr once reading has taken more than a second.
final class Progress {
    private let start = Date()
    private var lastShown = Date.distantPast
    private var shown = false
    private let tty = isatty(2) == 1

    func update(bytes: Int) {
        let now = Date()
        guard now.timeIntervalSince(start) > 1, now.timeIntervalSince(lastShown) >= (tty ? 0.2 : 5) else { return }
        lastShown = now
        shown = true
        let mb = Double(bytes) / 1_048_576
        let rate = mb / now.timeIntervalSince(start)
        let line = String(format: "reading logs: %.0f MiB (%.0f MiB/s)", mb, rate)
        FileHandle.standardError.write(Data((tty ? "\r\(line)" : "\(line)\n").utf8))
    }

    func finish() {
        if shown, tty { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
