import Prometheus
import Synchronization

/// The Prometheus registry of the API, owned by the application (no global metrics system):
/// requests by route and status, their latency, pool and hashing gauges refreshed on scrape.
public final class APIMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    private let poolOpen: Gauge
    private let poolInUse: Gauge
    private let poolWaiting: Gauge
    private let poolSize: Gauge
    private let hashQueue: Gauge
    /// Series already made, so a request costs one dictionary lookup instead of two registry lookups
    /// that build and hash label arrays. Bounded: routes are templates, and the HTTP parser accepts
    /// only its fixed list of methods.
    private let series = Mutex<[SeriesKey: (Counter, DurationHistogram)]>([:])

    private struct SeriesKey: Hashable {
        let method: String
        let route: String
        let status: Int
    }

    static let latencyBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    public init() {
        poolOpen = registry.makeGauge(name: "mysql_pool_open", help: "Open MySQL connections")
        poolInUse = registry.makeGauge(name: "mysql_pool_in_use", help: "MySQL connections checked out")
        poolWaiting = registry.makeGauge(name: "mysql_pool_waiting", help: "Callers waiting for a MySQL connection")
        poolSize = registry.makeGauge(name: "mysql_pool_size", help: "Most MySQL connections the pool opens")
        hashQueue = registry.makeGauge(name: "bcrypt_queue_depth", help: "Password hash jobs queued or running")
    }

    public func recordRequest(method: String, route: String, status: Int, duration: Duration) {
        let key = SeriesKey(method: method, route: route, status: status)
        let (counter, histogram) = series.withLock { series in
            if let made = series[key] { return made }
            let made = (
                registry.makeCounter(
                    name: "http_requests_total", labels: [("method", method), ("route", route), ("status", String(status))],
                    help: "HTTP requests answered"),
                registry.makeDurationHistogram(
                    name: "http_request_duration_seconds", labels: [("method", method), ("route", route)],
                    buckets: Self.latencyBuckets, help: "HTTP request latency")
            )
            series[key] = made
            return made
        }
        counter.increment()
        histogram.record(duration)
    }

    public func render(pool: (open: Int, inUse: Int, waiting: Int, size: Int), hashQueueDepth: Int) -> [UInt8] {
        poolOpen.set(Double(pool.open))
        poolInUse.set(Double(pool.inUse))
        poolWaiting.set(Double(pool.waiting))
        poolSize.set(Double(pool.size))
        hashQueue.set(Double(hashQueueDepth))
        return registry.emitToBuffer()
    }
}
