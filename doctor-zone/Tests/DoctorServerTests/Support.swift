import AsyncHTTPClient
import ChatOps
import CloudDoctorModels
import CloudTestSupport
import DoctorServer
import Foundation
import Hummingbird
import Logging
import NIOConcurrencyHelpers
import NIOCore
import ServiceLifecycle
import Testing

let testSecret = "test-signing-secret-not-real"

/// Runs a Hummingbird application on 127.0.0.1 (port 0) in its own ServiceGroup; `body` gets the port.
/// The group is shut down gracefully when `body` returns (or throws).
func withRunning<App: ApplicationProtocol, T: Sendable>(
    _ make: (@escaping @Sendable (any Channel) async -> Void) -> App,
    _ body: (Int, ServiceGroup) async throws -> T
) async throws -> T {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let app = make { channel in continuation.yield(channel.localAddress?.port ?? 0) }
    let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], cancellationSignals: [], logger: Logger(label: "test")))
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        do {
            let result = try await body(port, group)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return result
        } catch {
            await group.triggerGracefulShutdown()
            try? await tasks.waitForAll()
            throw error
        }
    }
}

/// What the fake Slack received.
struct SlackCall: Sendable {
    let path: String
    let authorization: String?
    let body: String
    var json: JSONValue? { JSONValue.decode(Array(body.utf8)) }
}

/// A loopback Slack: `response_url`s under /hooks/, the Web API under /api/, uploads under /upload/.
/// Speaks Slack's documented formats; can fail the first N response_url posts with 500.
final class FakeSlack: Sendable {
    private let calls = NIOLockedValueBox([SlackCall]())
    private let failuresLeft: NIOLockedValueBox<Int>
    private let tsCounter = NIOLockedValueBox(0)

    init(failFirstResponses: Int = 0) {
        failuresLeft = NIOLockedValueBox(failFirstResponses)
    }

    var received: [SlackCall] { calls.withLockedValue { $0 } }
    func received(_ path: String) -> [SlackCall] { received.filter { $0.path == path } }
    func responses() -> [SlackCall] { received.filter { $0.path.hasPrefix("/hooks/") } }

    func router(port: @escaping @Sendable () -> Int) -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/hooks/{id}") { request, _ -> Response in
            let body = try await self.record(request)
            _ = body
            let fail = self.failuresLeft.withLockedValue { left -> Bool in
                guard left > 0 else { return false }
                left -= 1
                return true
            }
            if fail { return Response(status: .internalServerError) }
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ok")))
        }
        router.post("/api/{method}") { request, context -> Response in
            let call = try await self.record(request)
            guard call.authorization == "Bearer xoxb-test-token" else { return Self.json(["ok": false, "error": "not_authed"]) }
            switch context.parameters.get("method") ?? "" {
            case "chat.postMessage":
                let ts = self.tsCounter.withLockedValue { $0 += 1; return "1800000000.\(String(format: "%06d", $0))" }
                return Self.json(["ok": true, "channel": call.json?["channel"] ?? .null, "ts": .string(ts)])
            case "chat.update":
                return Self.json(["ok": true, "channel": call.json?["channel"] ?? .null, "ts": call.json?["ts"] ?? .null])
            case "files.getUploadURLExternal":
                let form = FormDecoding.decode(Array(call.body.utf8))
                guard form["filename"] != nil, let length = form["length"].flatMap(Int.init), length > 0 else {
                    return Self.json(["ok": false, "error": "invalid_arguments"])
                }
                return Self.json(["ok": true, "upload_url": .string("http://127.0.0.1:\(port())/upload/F1"), "file_id": "F1"])
            case "files.completeUploadExternal":
                return Self.json(["ok": true, "files": [["id": "F1"]]])
            default:
                return Self.json(["ok": false, "error": "unknown_method"])
            }
        }
        router.post("/upload/{id}") { request, _ -> Response in
            let call = try await self.record(request)
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "OK - \(call.body.utf8.count)")))
        }
        return router
    }

    private func record(_ request: Request) async throws -> SlackCall {
        var request = request
        let body = try await request.collectBody(upTo: 8 << 20)
        let call = SlackCall(path: request.uri.path, authorization: request.headers[.authorization], body: String(buffer: body))
        calls.withLockedValue { $0.append(call) }
        return call
    }

    static func json(_ value: JSONValue) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: value.encoded())))
    }
}

/// A diagnosis service that takes `delay` (and waits for `gate`, when given) and counts calls; answers a fixed diagnosis.
final class SlowDiagnosis: DiagnosisService {
    let delay: Duration
    let fingerprint: String
    let patchLines: Int
    let gate: Gate?
    private let counts = NIOLockedValueBox((started: 0, finished: 0))
    private let requests = NIOLockedValueBox([DiagnosisRequest]())

    init(delay: Duration, fingerprint: String = "fp-1", patchLines: Int = 5, gate: Gate? = nil) {
        self.delay = delay
        self.gate = gate
        self.fingerprint = fingerprint
        self.patchLines = patchLines
    }

    var started: Int { counts.withLockedValue { $0.started } }
    var finished: Int { counts.withLockedValue { $0.finished } }
    var seen: [DiagnosisRequest] { requests.withLockedValue { $0 } }

    func diagnose(_ request: DiagnosisRequest) async throws -> DiagnosisReport {
        counts.withLockedValue { $0.started += 1 }
        requests.withLockedValue { $0.append(request) }
        try await Task.sleep(for: delay)
        await gate?.wait()
        try Task.checkCancellation()
        counts.withLockedValue { $0.finished += 1 }
        let patch = (0..<patchLines).map { "+  max_connections = \($0) # " + String(repeating: "z", count: 80) }.joined(separator: "\n")
        let diagnosis = Diagnosis(
            incident: Incident(id: "inc-\(fingerprint)", fingerprint: fingerprint, source: request.logGroup, eventCount: 100, errorCount: 40),
            summary: "Database pool exhausted", rootCause: "pool size 10 < concurrent requests", severity: .high, confidence: 0.9,
            evidence: [Evidence(id: "E1", template: "pool exhausted waiting <*> ms", count: 40, sample: "pool exhausted waiting 5000 ms")],
            prescription: Prescription(explanation: "Raise the pool", terraform: patch))
        return DiagnosisReport(diagnosis: diagnosis, modelInputs: [ModelInput(model: "offline", payload: "redacted logs")])
    }
}

/// Records SubscribeURL visits instead of going to AWS.
final class RecordingConfirmer: SubscriptionConfirming {
    private let urls = NIOLockedValueBox([String]())
    var visited: [String] { urls.withLockedValue { $0 } }
    func confirm(subscribeURL: String) async throws { urls.withLockedValue { $0.append(subscribeURL) } }
}

struct MemoryCertificateFetcher: CertificateFetching {
    let pems: [String: String]
    func certificatePEM(at url: String) async throws -> String {
        guard let pem = pems[url] else { throw SNSError.certificateUnavailable }
        return pem
    }
}

/// A Doctor wired to a fake Slack, both on loopback.
struct Harness: Sendable {
    let doctorPort: Int
    let slack: FakeSlack
    let server: DoctorServer
    let group: ServiceGroup

    static func run<T: Sendable>(
        diagnosis: any DiagnosisService = SlowDiagnosis(delay: .milliseconds(10)),
        botToken: Bool = false,
        slack: FakeSlack = FakeSlack(),
        certificates: [String: String] = [:],
        certificatesFetcher: (any CertificateFetching)? = nil,
        confirmer: RecordingConfirmer = RecordingConfirmer(),
        subscriptions: (any SubscriptionConfirming)? = nil,
        configure: (inout DoctorConfig) -> Void = { _ in },
        _ body: (Harness) async throws -> T
    ) async throws -> T {
        let slackPort = NIOLockedValueBox(0)
        return try await withRunning({ onRunning in
            Application(router: slack.router(port: { slackPort.withLockedValue { $0 } }),
                        configuration: .init(address: .hostname("127.0.0.1", port: 0)), onServerRunning: onRunning,
                        logger: Logger(label: "fake-slack"))
        }) { port, _ in
            slackPort.withLockedValue { $0 = port }
            var config = DoctorConfig()
            config.host = "127.0.0.1"
            config.port = 0
            config.signingSecret = testSecret
            config.defaultLogGroup = "/ecs/patient-api"
            config.responseURLPrefixes = ["http://127.0.0.1:\(port)/hooks/"]
            config.botToken = botToken ? "xoxb-test-token" : nil
            config.alertChannel = "C-ALERTS"
            configure(&config)
            var logger = Logger(label: "doctor-test")
            logger.logLevel = .warning
            let client = SlackHTTPClient(apiURL: "http://127.0.0.1:\(port)/api", botToken: config.botToken,
                                         allowedResponseURLPrefixes: config.responseURLPrefixes, httpClient: .shared,
                                         retry: RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(20), maxDelay: .milliseconds(100)), logger: logger)
            let server = DoctorServer(config: config, dependencies: DoctorDependencies(
                diagnosis: diagnosis, slack: client, certificates: certificatesFetcher ?? MemoryCertificateFetcher(pems: certificates),
                subscriptions: subscriptions ?? confirmer, logger: logger))
            return try await withRunning({ server.makeApplication(onServerRunning: $0) }) { doctorPort, group in
                try await body(Harness(doctorPort: doctorPort, slack: slack, server: server, group: group))
            }
        }
    }

    var hookBase: String { server.config.responseURLPrefixes[0] }

    /// A slash command body, form-encoded as Slack sends it.
    func commandBody(_ command: String, _ text: String, trigger: String = UUID().uuidString, user: String = "U1", channel: String = "C1") -> String {
        FormDecoding.encode([
            ("token", "legacy-unused"), ("team_id", "T1"), ("team_domain", "test"), ("channel_id", channel), ("channel_name", "ops"),
            ("user_id", user), ("user_name", "oncall"), ("command", command), ("text", text),
            ("api_app_id", "A1"), ("response_url", hookBase + trigger), ("trigger_id", trigger),
        ])
    }

    func post(_ path: String, body: String, headers: [(String, String)] = [], contentType: String = "application/x-www-form-urlencoded") async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(doctorPort)\(path)")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: contentType)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: bytes))
    }

    func get(_ path: String) async throws -> (status: Int, body: String) {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(doctorPort)\(path)"), timeout: .seconds(10))
        return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 20)))
    }

    /// Signs like Slack (X-Slack-Signature / X-Slack-Request-Timestamp) and posts.
    func signedPost(_ path: String, body: String, at time: Date = Date(), extraHeaders: [(String, String)] = []) async throws -> (status: Int, body: String) {
        let timestamp = String(Int(time.timeIntervalSince1970))
        let signature = SlackSignatureVerifier(signingSecret: testSecret).signature(body: Array(body.utf8), timestamp: timestamp)
        return try await post(path, body: body, headers: [("X-Slack-Request-Timestamp", timestamp), ("X-Slack-Signature", signature)] + extraHeaders)
    }

    func command(_ command: String, _ text: String, trigger: String = UUID().uuidString, channel: String = "C1") async throws -> String {
        let reply = try await signedPost("/slack/commands", body: commandBody(command, text, trigger: trigger, channel: channel))
        #expect(reply.status == 200)
        return JSONValue.decode(Array(reply.body.utf8))?["text"]?.stringValue ?? "<no text: \(reply.body)>"
    }
}

/// Polls a condition (at most `seconds`) instead of sleeping a fixed time.
func eventually(_ seconds: Int = 10, _ condition: @Sendable () -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while !condition() {
        guard ContinuousClock.now < deadline else {
            Issue.record("condition not met within \(seconds) s")
            return
        }
        try await Task.sleep(for: .milliseconds(10))
    }
}
