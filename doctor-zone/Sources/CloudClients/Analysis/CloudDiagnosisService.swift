import CloudDoctorModels
import Diagnosis
import Foundation
import LogTriage

/// Answers by incident fingerprint for a while, so a repeated question costs nothing (`DOCTOR_CACHE_TTL`
/// seconds, default 900; 0 turns it off). Only answers from the chosen models are kept, never fallbacks.
public actor FingerprintCache {
    public let ttl: TimeInterval
    public let capacity: Int
    private var entries: [String: (diagnosis: Diagnosis, expires: Date)] = [:]

    public init(ttl: TimeInterval, capacity: Int = 256) {
        self.ttl = ttl
        self.capacity = capacity
    }

    public func get(_ key: String, now: Date = Date()) -> Diagnosis? {
        guard let entry = entries[key] else { return nil }
        if entry.expires <= now { entries[key] = nil; return nil }
        return entry.diagnosis
    }

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
        if pack.hasIncident, var hit = await cache.get(key) {
            hit.incident = pack.incident
            hit.evidence = pack.evidence
            hit.cached = true
            hit.usage = hit.usage.map { ModelUsage(model: $0.model, inputTokens: 0, outputTokens: 0, estimatedCostUSD: 0) }
            hit.notes = selection.notes + ["answer from the cache (same incident fingerprint), no model was called"]
            return Outcome(diagnosis: hit, foundIncident: pack.hasIncident)
        }
        let pipeline = DiagnosisPipeline(analyzer: analyzer, prescriber: prescriber, triage: triage, terraform: terraform, policy: policy)
        let result = await pipeline.diagnose(pack: pack)
        var diagnosis = result.diagnosis
        diagnosis.usage = await ledger.usage
        diagnosis.notes = selection.notes + diagnosis.notes + (await ledger.notes)
        if pack.hasIncident, diagnosis.analyzer == analyzer.name, diagnosis.prescriber == prescriber.name,
           analyzer.name != "offline" || prescriber.name != "offline" {
            await cache.put(key, diagnosis)
        }
        return Outcome(diagnosis: diagnosis, foundIncident: result.foundIncident)
    }
}
