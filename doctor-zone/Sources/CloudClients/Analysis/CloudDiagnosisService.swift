import CloudDoctorModels
import Diagnosis
import Foundation
import LogTriage

/// Answers by incident fingerprint for a while, so a repeated question costs nothing (`DOCTOR_CACHE_TTL`
/// seconds, default 900; 0 turns it off). Only answers from the chosen models are kept, never fallbacks.
/// It is also single-flight: while one caller asks the models about a key, others with the same key
/// wait for it (`claim`/`finish`) instead of paying for the same answer again.
public actor FingerprintCache {
    public let ttl: TimeInterval
    public let capacity: Int
    private var entries: [String: (diagnosis: Diagnosis, expires: Date)] = [:]
    private var inFlight: [String: [CheckedContinuation<Void, Never>]] = [:]

    public init(ttl: TimeInterval, capacity: Int = 256) {
        self.ttl = ttl
        self.capacity = capacity
    }

    public func get(_ key: String, now: Date = Date()) -> Diagnosis? {
        guard let entry = entries[key] else { return nil }
        if entry.expires <= now { entries[key] = nil; return nil }
        return entry.diagnosis
    }

    /// True when the caller is the first to work on `key` now: it must call `finish(key)` when done.
    /// Otherwise waits until the caller working on it finishes, and returns false.
    public func claim(_ key: String) async -> Bool {
        guard ttl > 0 else { return true }
        if inFlight[key] == nil {
            inFlight[key] = []
            return true
        }
        await withCheckedContinuation { inFlight[key, default: []].append($0) }
        return false
    }

    /// Ends the work on `key` begun by a successful `claim`, and wakes whoever waits for it.
    public func finish(_ key: String) {
        for waiter in inFlight.removeValue(forKey: key) ?? [] { waiter.resume() }
    }

    /// Callers waiting for another's answer now (for tests and metrics).
    public func waiting(_ key: String) -> Int { inFlight[key]?.count ?? 0 }

    public func put(_ key: String, _ diagnosis: Diagnosis, now: Date = Date()) {
        guard ttl > 0 else { return }
        if entries.count >= capacity {
            entries = entries.filter { $0.value.expires > now }
            if entries.count >= capacity, let oldest = entries.min(by: { $0.value.expires < $1.value.expires })?.key { entries[oldest] = nil }
        }
        entries[key] = (diagnosis, now.addingTimeInterval(ttl))
    }
}

/// The Doctor's diagnosis with the cloud models wired in: model selection, the pipeline with its offline
/// fallbacks, token and cost reporting, the fingerprint cache and the notes that explain each choice.
/// Used by `doctor diagnose` and `doctor serve`; `Diagnosis` itself never depends on the clouds.
public struct CloudDiagnosisService: Sendable {
    public var selection: ModelSelection
    public var cache: FingerprintCache

    public init(selection: ModelSelection, cache: FingerprintCache) {
        self.selection = selection
        self.cache = cache
    }

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> CloudDiagnosisService {
        let ttl = environment["DOCTOR_CACHE_TTL"].flatMap(TimeInterval.init).map { max(0, $0) } ?? 900
        return CloudDiagnosisService(selection: .fromEnvironment(environment), cache: FingerprintCache(ttl: ttl))
    }

    public struct Outcome: Sendable {
        public var diagnosis: Diagnosis
        /// False when the logs show nothing wrong.
        public var foundIncident: Bool
    }

    public func diagnose(pack: EvidencePack, triage: TriageConfiguration = TriageConfiguration(),
                         terraform: TerraformContext = .empty, policy: PolicyGuard = PolicyGuard()) async -> Outcome {
        let ledger = UsageLedger(prices: selection.prices)
        let (analyzer, prescriber) = selection.components(ledger: ledger)
        let key = "\(pack.incident.fingerprint)|\(analyzer.name)|\(prescriber.name)"
        let usesModels = analyzer.name != "offline" || prescriber.name != "offline"
        var leads = false
        if pack.hasIncident {
            if let hit = await cached(key, pack: pack) { return hit }
            if usesModels {
                // the same incident asked twice at once (an alarm and a slash command): one model call
                leads = await cache.claim(key)
                if !leads, let hit = await cached(key, pack: pack) { return hit }
            }
        }
        let pipeline = DiagnosisPipeline(analyzer: analyzer, prescriber: prescriber, triage: triage, terraform: terraform, policy: policy)
        let outcome = await run(pipeline, pack: pack, ledger: ledger, cacheAs: usesModels ? key : nil)
        if leads { await cache.finish(key) }
        return outcome
    }

    /// The cached answer for `key`, fitted to this pack's incident and evidence, at zero cost.
    private func cached(_ key: String, pack: EvidencePack) async -> Outcome? {
        guard var hit = await cache.get(key) else { return nil }
        hit.incident = pack.incident
        hit.evidence = pack.evidence
        hit.cached = true
        hit.usage = hit.usage.map { ModelUsage(model: $0.model, inputTokens: 0, outputTokens: 0, estimatedCostUSD: 0) }
        hit.notes = selection.notes + ["answer from the cache (same incident fingerprint), no model was called"]
        return Outcome(diagnosis: hit, foundIncident: pack.hasIncident)
    }

    /// Runs the pipeline; an answer from the chosen models (no fallback) is cached under `cacheAs`.
    private func run(_ pipeline: DiagnosisPipeline, pack: EvidencePack, ledger: UsageLedger, cacheAs key: String?) async -> Outcome {
        let result = await pipeline.diagnose(pack: pack)
        var diagnosis = result.diagnosis
        diagnosis.usage = await ledger.usage
        diagnosis.notes = selection.notes + diagnosis.notes + (await ledger.notes)
        if let key, pack.hasIncident, diagnosis.analyzer == pipeline.analyzer.name, diagnosis.prescriber == pipeline.prescriber.name {
            await cache.put(key, diagnosis)
        }
        return Outcome(diagnosis: diagnosis, foundIncident: result.foundIncident)
    }
}
