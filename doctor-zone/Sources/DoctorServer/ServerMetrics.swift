import ChatOps
import CloudDoctorModels
import Prometheus

/// The service's Prometheus metrics, on a registry of its own (no global metrics state).
public final class ServerMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    let ackLatency: DurationHistogram
    let queueWaiting: Gauge
    let jobsRunning: Gauge
    let deliveryFailures: Counter
    let llmFallbacks: Counter

    public init() {
        ackLatency = registry.makeDurationHistogram(
            descriptor: Self.name("doctor_ack_seconds", help: "Time from receiving a Slack command to its acknowledgement"),
            buckets: [.milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                      .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(3)])
        queueWaiting = registry.makeGauge(descriptor: Self.name("doctor_queue_waiting", help: "Jobs accepted and not started"))
        jobsRunning = registry.makeGauge(descriptor: Self.name("doctor_jobs_running", help: "Jobs running now"))
        deliveryFailures = registry.makeCounter(descriptor: Self.name("doctor_slack_delivery_failures_total", help: "Slack deliveries that failed after retries"))
        llmFallbacks = registry.makeCounter(descriptor: Self.name("doctor_llm_fallbacks_total", help: "Diagnoses where a model failed and the offline path answered"))
    }

    static func name(_ metricName: String, help: String? = nil) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: metricName, unitName: "", helpText: help ?? "")
    }

    func command(_ name: String) {
        let label = ["/analyze-logs": "analyze-logs", "/terraform": "terraform", "/doctor": "doctor"][name.lowercased()] ?? "other"
        registry.makeCounter(descriptor: Self.name("doctor_commands_total"), labels: [("command", label)]).increment()
    }

    func submitted(_ outcome: String) {
        registry.makeCounter(descriptor: Self.name("doctor_jobs_submitted_total"), labels: [("outcome", outcome)]).increment()
    }

    func refused(_ endpoint: String, code: String) {
        registry.makeCounter(descriptor: Self.name("doctor_requests_refused_total"), labels: [("endpoint", endpoint), ("code", code)]).increment()
    }

    func jobFinished(kind: String, outcome: String, duration: Duration) {
        registry.makeDurationHistogram(
            descriptor: Self.name("doctor_job_seconds", help: "Job duration, diagnosis and delivery"), labels: [("kind", kind), ("outcome", outcome)],
            buckets: [.milliseconds(100), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5), .seconds(10), .seconds(30), .seconds(60), .seconds(180)]).record(duration)
    }

    func diagnosis(_ diagnosis: Diagnosis) {
        for usage in diagnosis.usage {
            registry.makeCounter(descriptor: Self.name("doctor_llm_calls_total"), labels: [("model", usage.model)]).increment()
        }
        if diagnosis.notes.contains(where: { $0.localizedCaseInsensitiveContains("fall") || $0.localizedCaseInsensitiveContains("used offline") }) {
            llmFallbacks.increment()
        }
    }

    func emit(waiting: Int, running: Int) -> String {
        queueWaiting.set(Double(waiting))
        jobsRunning.set(Double(running))
        return registry.emitToString()
    }
}
