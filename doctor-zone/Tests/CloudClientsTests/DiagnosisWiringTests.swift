import CloudDoctorModels
import CloudTestSupport
import Diagnosis
import Foundation
import LogTriage
import Testing
@testable import CloudClients

/// The pipeline with both LLMs wired in, against loopback fakes of Vertex AI, Google's metadata server
/// and Bedrock Runtime on one port.
@Suite("Diagnosis with Vertex AI and Bedrock")
struct DiagnosisWiringTests {
    static let plantedSecrets = ["Hunter2-Planted-Secret", "AKIAPLANTEDSECRET123", "alice.planted@example.com",
                                 "sk_live_PlantedTokenValue99", "TfPlantedSecret-x9"]

    static func events() -> [LogEvent] {
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        var events: [LogEvent] = []
        for i in 0..<120 {
            events.append(LogEvent(timestamp: start.addingTimeInterval(Double(i)), level: .info,
                                   message: "GET /api/users/me 200 in \(10 + i % 7)ms", source: "patient-api"))
        }
        for i in 0..<60 {
            events.append(LogEvent(timestamp: start.addingTimeInterval(60 + Double(i)), level: .error,
                                   message: "db query failed: connection timeout after 5000ms to db-1:3306 user=alice.planted@example.com password=Hunter2-Planted-Secret key=AKIAPLANTEDSECRET123 token=sk_live_PlantedTokenValue99 attempt=\(i)",
                                   source: "patient-api"))
        }
        return events
    }

    static func pack() -> EvidencePack {
        DiagnosisPipeline().pack(events: events(), source: "/ecs/patient-api")
    }

    static let terraform = TerraformContext(files: [TerraformFile(path: "infra/aws/rds.tf", text: """
    resource "aws_db_parameter_group" "main" {
      name   = "patient-db"
      family = "mysql8.0"
      parameter {
        name  = "max_connections"
        value = "100"
      }
    }

    resource "aws_db_instance" "main" {
      identifier     = "patient-db"
      instance_class = "db.t4g.micro"
      password       = "TfPlantedSecret-x9"
    }
    """)])

    static func environment(_ base: String, _ extra: [String: String] = [:]) -> [String: String] {
        [
            "GOOGLE_CLOUD_PROJECT": "doctor-test", "VERTEX_LOCATION": "us-central1", "VERTEX_ENDPOINT": base,
            "GCE_METADATA_HOST": String(base.dropFirst("http://".count)),
            "BEDROCK_REGION": "us-east-1", "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": base,
            "AWS_ACCESS_KEY_ID": "AKIDFAKEFORTESTS", "AWS_SECRET_ACCESS_KEY": "fake-test-secret",
            "HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true",
        ].merging(extra) { $1 }
    }

    /// Routes: metadata token, Vertex generateContent, Bedrock InvokeModel (reviewer or prescriber by system prompt).
    static func handler(vertex: @escaping @Sendable () -> CannedResponse = { Fakes.vertexAnswer(Fakes.analysisJSON) },
                        prescription: @escaping @Sendable () -> CannedResponse = { Fakes.claudeAnswer(Fakes.prescriptionJSON) })
        -> LoopbackServer.Handler {
        { request, _ in
            if request.path.hasPrefix("/computeMetadata/") {
                return CannedResponse(headers: ["Metadata-Flavor": "Google", "Content-Type": "application/json"],
                                      body: #"{"access_token":"ya29.test","expires_in":3600,"token_type":"Bearer"}"#)
            }
            if request.path.hasSuffix(":generateContent") { return vertex() }
            if request.path.hasPrefix("/model/") {
                let system = Fakes.json(request)["system"] as? String ?? ""
                return system.contains("review another model") ? Fakes.claudeAnswer(Fakes.reviewJSON, input: 900, output: 120) : prescription()
            }
            return CannedResponse(status: 404)
        }
    }

    static func service(_ base: String, _ extra: [String: String] = [:], ttl: TimeInterval = 600) -> CloudDiagnosisService {
        CloudDiagnosisService(selection: .fromEnvironment(environment(base, extra), retryPolicy: ModelClientTests.fastRetries,
                                                          timeout: .seconds(5)),
                              cache: FingerprintCache(ttl: ttl))
    }

    @Test("Gemini analyses, Claude reviews and prescribes; the JSON names vertex:… and bedrock:… with usage and cost")
    func bothModels() async throws {
        try await LoopbackServer.run(handler: Self.handler()) { base, log in
            let outcome = await Self.service(base).diagnose(pack: Self.pack(), terraform: Self.terraform)
            let diagnosis = outcome.diagnosis
            #expect(outcome.foundIncident)
            #expect(diagnosis.analyzer == "vertex:gemini-2.0-flash")
            #expect(diagnosis.prescriber == "bedrock:us.anthropic.claude-sonnet-4-20250514-v1:0")
            #expect(diagnosis.rootCause.contains("refuses new connections"))
            #expect(diagnosis.prescription.terraform.contains("max_connections"))
            #expect(diagnosis.prescription.refusedReason == nil)
            #expect(diagnosis.claims.map(\.verified) == [true, false, false])
            #expect(diagnosis.claims[1].note?.contains("unsupported") == true)
            #expect(diagnosis.notes.contains { $0.contains("second opinion") && $0.contains("2 unverified") })
            #expect(diagnosis.usage.map(\.model) == ["vertex:gemini-2.0-flash", "bedrock:us.anthropic.claude-sonnet-4-20250514-v1:0"])
            #expect(diagnosis.usage[0].inputTokens == 1200 && diagnosis.usage[0].outputTokens == 300)
            #expect(diagnosis.usage[1].inputTokens == 2900 && diagnosis.usage[1].outputTokens == 620)
            // 1,200 × 0.15 / 1e6 + 300 × 0.60 / 1e6 = 0.00036; 2,900 × 3 / 1e6 + 620 × 15 / 1e6 = 0.0180
            #expect(abs(diagnosis.usage[0].estimatedCostUSD - 0.00036) < 1e-9)
            #expect(abs(diagnosis.usage[1].estimatedCostUSD - 0.018) < 1e-9)
            #expect(!diagnosis.cached)
            let json = String(decoding: try CloudDoctorJSON.encoder().encode(diagnosis), as: UTF8.self)
            #expect(json.contains(#""analyzer":"vertex:gemini-2.0-flash""#))
            #expect(json.contains(#""prescriber":"bedrock:us.anthropic.claude-sonnet-4-20250514-v1:0""#))
            #expect(await log.requests.filter { $0.path.hasPrefix("/model/") }.count == 2)
        }
    }

    @Test("no planted secret reaches any outbound body or header")
    func noSecretLeaves() async throws {
        let joinedInput = Self.events().map(\.message).joined() + Self.terraform.files.map(\.text).joined()
        for secret in Self.plantedSecrets { #expect(joinedInput.contains(secret), "the test must plant \(secret)") }
        try await LoopbackServer.run(handler: Self.handler()) { base, log in
            _ = await Self.service(base).diagnose(pack: Self.pack(), terraform: Self.terraform)
            let requests = await log.requests
            #expect(requests.filter { $0.method == "POST" }.count == 3)
            for request in requests {
                let outbound = request.bodyText + request.path + request.query + request.headers.map { "\($0.key): \($0.value)" }.joined()
                for secret in Self.plantedSecrets {
                    #expect(!outbound.contains(secret), "\(secret) reached \(request.path)")
                }
            }
        }
    }

    @Test("a repeated incident is answered from the cache: no model call, cached true, zero cost")
    func cache() async throws {
        try await LoopbackServer.run(handler: Self.handler()) { base, log in
            let service = Self.service(base)
            _ = await service.diagnose(pack: Self.pack(), terraform: Self.terraform)
            let calls = await log.requests.filter { $0.method == "POST" }.count
            #expect(calls == 3)
            let second = await service.diagnose(pack: Self.pack(), terraform: Self.terraform).diagnosis
            #expect(await log.requests.filter { $0.method == "POST" }.count == calls)
            #expect(second.cached)
            #expect(second.analyzer == "vertex:gemini-2.0-flash")
            #expect(second.usage.allSatisfy { $0.inputTokens == 0 && $0.estimatedCostUSD == 0 })
            let noCache = Self.service(base, ttl: 0)
            _ = await noCache.diagnose(pack: Self.pack(), terraform: Self.terraform)
            _ = await noCache.diagnose(pack: Self.pack(), terraform: Self.terraform)
            #expect(await log.requests.filter { $0.method == "POST" }.count == calls * 3)
        }
    }

    @Test("the same incident asked three times at once calls the models once; the others get the cached answer")
    func concurrentSameIncidentIsSingleFlight() async throws {
        let inner = Self.handler()
        // Vertex answers slowly, so all three requests are in flight together
        let slowVertex: LoopbackServer.Handler = { request, n in
            if request.path.hasSuffix(":generateContent") { try? await Task.sleep(for: .milliseconds(300)) }
            return await inner(request, n)
        }
        try await LoopbackServer.run(handler: slowVertex) { base, log in
            let service = Self.service(base)
            let outcomes = await withTaskGroup(of: CloudDiagnosisService.Outcome.self) { group in
                for _ in 0..<3 { group.addTask { await service.diagnose(pack: Self.pack(), terraform: Self.terraform) } }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(await log.requests.filter { $0.path.hasSuffix(":generateContent") }.count == 1)
            #expect(await log.requests.filter { $0.method == "POST" }.count == 3)
            #expect(outcomes.filter { $0.diagnosis.cached }.count == 2)
            #expect(outcomes.allSatisfy { $0.diagnosis.analyzer == "vertex:gemini-2.0-flash" })
        }
    }

    @Test("a waiter whose leader got no cacheable answer asks the models itself")
    func waiterAsksItselfWhenLeaderFellBack() async throws {
        let cache = FingerprintCache(ttl: 600)
        #expect(await cache.claim("k"))
        let waiter = Task { await cache.claim("k") }
        while await cache.waiting("k") == 0 { await Task.yield() }
        await cache.finish("k")
        #expect(await waiter.value == false)
        #expect(await cache.get("k") == nil)
        #expect(await cache.claim("k"), "the key is free again after finish")
    }

    @Test("Vertex failing (5xx, malformed, blocked) and Claude's invalid Terraform fall back to offline, and say why", arguments: [
        (CannedResponse(status: 500), "http_error"),
        (Fakes.vertexAnswer("not json at all"), "malformed_answer"),
        (CannedResponse.json(#"{"promptFeedback":{"blockReason":"PROHIBITED_CONTENT"}}"#), "blocked"),
    ])
    func fallbacks(_ vertexAnswer: CannedResponse, _ code: String) async throws {
        let badTerraform = Fakes.claudeAnswer(#"{"explanation":"x","terraform":"resource \"aws_db_instance\" \"main\" {\n  identifier = \n","files":[]}"#)
        try await LoopbackServer.run(handler: Self.handler(vertex: { vertexAnswer }, prescription: { badTerraform })) { base, _ in
            let diagnosis = await Self.service(base).diagnose(pack: Self.pack(), terraform: Self.terraform).diagnosis
            #expect(diagnosis.analyzer == "offline")
            #expect(diagnosis.prescriber == "offline")
            #expect(diagnosis.notes.contains { $0.hasPrefix("vertex:gemini-2.0-flash") && $0.contains(code) && $0.contains("used offline") })
            #expect(diagnosis.notes.contains { $0.hasPrefix("bedrock:") && $0.contains("invalid_terraform") && $0.contains("used offline") })
            #expect(!diagnosis.prescription.terraform.isEmpty || !diagnosis.prescription.explanation.isEmpty)
        }
    }

    @Test("model selection: unusable or unknown choices become offline or auto, with a note", arguments: [
        (["DOCTOR_ANALYZER": "vertex", "GOOGLE_CLOUD_PROJECT": ""], "offline", "DOCTOR_ANALYZER=vertex but Vertex AI is not configured"),
        (["DOCTOR_ANALYZER": "banana"], "vertex", "DOCTOR_ANALYZER=banana is not one of"),
        (["DOCTOR_ANALYZER": "bedrock"], "bedrock", nil),
        (["DOCTOR_PRESCRIBER": "bedrock", "BEDROCK_REGION": ""], "vertex", "DOCTOR_PRESCRIBER=bedrock but Bedrock is not configured"),
    ] as [([String: String], String, String?)])
    func selection(_ extra: [String: String], _ analyzer: String, _ note: String?) {
        let selection = ModelSelection.fromEnvironment(Self.environment("http://127.0.0.1:9", extra))
        #expect(selection.analyzer.rawValue == analyzer)
        if let note { #expect(selection.notes.contains { $0.contains(note) }) } else { #expect(selection.notes.isEmpty) }
    }

    @Test("with nothing configured, auto means offline for both")
    func nothingConfigured() {
        let selection = ModelSelection.fromEnvironment(["HOME": "/nonexistent"])
        #expect(selection.analyzer == .offline && selection.prescriber == .offline && !selection.secondOpinion)
    }

    @Test("prices: defaults, overridable with DOCTOR_MODEL_PRICES")
    func prices() {
        #expect(PriceTable.defaults.cost(model: "bedrock:us.anthropic.claude-sonnet-4-20250514-v1:0", inputTokens: 1_000_000, outputTokens: 0) == 3)
        let custom = PriceTable.fromEnvironment(["DOCTOR_MODEL_PRICES": "gemini-2.0-flash=1/2,broken"])
        #expect(custom.cost(model: "vertex:gemini-2.0-flash", inputTokens: 1_000_000, outputTokens: 1_000_000) == 3)
        #expect(custom.cost(model: "unknown-model", inputTokens: 5, outputTokens: 5) == 0)
    }

    @Test("prompt placeholders are filled once; a value holding {{…}} is not expanded")
    func promptRendering() {
        #expect(Prompts.render("a {{x}} b {{y}}", ["x": "{{y}}", "y": "Y"]) == "a {{y}} b Y")
        #expect(Prompts.prescriberUser.contains("{{terraform}}"))
    }
}

@Suite("Terraform redaction")
struct TerraformRedactorTests {
    @Test("secret-named attributes lose their values, keep their names", arguments: [
        (#"  password       = "TfPlantedSecret-x9""#, "TfPlantedSecret-x9", "password"),
        (#"  master_password = "abc\"def""#, "abc", "master_password"),
        (#"  "api_key": "k-123""#, "k-123", "api_key"),
    ])
    func redaction(_ line: String, _ secret: String, _ name: String) {
        let redacted = TerraformRedactor.redact(line)
        #expect(!redacted.contains(secret))
        #expect(redacted.contains(name))
    }

    @Test("other attributes and references stay as they are", arguments: [
        #"  instance_class = "db.t4g.micro""#, "  password = var.db_password", #"  name = "patient-db""#,
    ])
    func untouched(_ line: String) {
        #expect(TerraformRedactor.redact(line) == line)
    }
}
