#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CloudDoctorModels
import Foundation

public struct TriageConfiguration: Sendable {
    public static let defaultBudgetTokens = 6000
    /// The evidence text handed to a model stays under this many (estimated) tokens.
    public var budgetTokens = TriageConfiguration.defaultBudgetTokens
    public var maxEvidence = 24
    public var sampleMaxBytes = 600
    /// Evidence per-minute histograms cover at most this many minutes.
    public var perMinuteLimit = 120
    public var redaction = Redactor.Options()
    public var miner = MinerConfiguration.default

    public init() {}
}

/// From events to an incident: every event is redacted, mined into a template cluster and counted;
/// `finish` ranks the clusters (level, burst against the window before the onset, novelty,
/// co-occurrence with the top failure) and packs the best into the token budget.
public struct TriageEngine: Sendable {
    public let configuration: TriageConfiguration
    private let redactor: Redactor
    private var miner: TemplateMiner
    private var clusters: [ClusterStats] = []
    private var eventCount = 0
    private var failureCount = 0
    private var windowStart: Date?
    private var windowEnd: Date?
    /// Miner signature of an unredacted mining text → its cluster (see `cluster(ofRaw:)`).
    private var rawSignatures = TemplateMinerHashIndex(capacity: 4096)

    public init(configuration: TriageConfiguration = TriageConfiguration()) {
        self.configuration = configuration
        self.redactor = Redactor(options: configuration.redaction)
        self.miner = TemplateMiner(configuration: configuration.miner)
    }

    /// Recurring coded warnings that make an incident when the window has no baseline to compare with.
    static let codedWarningsWithoutBaseline = 3

    /// Fields whose values say what kind of failure a line is; they join the message for mining.
    static let tellingFields: Set<String> = ["code", "reason", "exitCode", "exit_code", "status", "stoppedReason",
                                               "stopped_reason", "errorCode", "error_code", "event", "scenario"]

    /// The text a cluster is mined from: the first line of the message, plus `error*` and other telling fields.
    static func miningText(_ event: LogEvent) -> String {
        var message = event.message
        // the first line (memchr: the generic `firstIndex` on a String view costs more than the rest of the line)
        let newline: Int? = message.withUTF8 { b in
            guard let base = b.baseAddress, let p = memchr(base, 0x0A, b.count) else { return nil }
            return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(p))
        }
        let first = newline.map { String(message.utf8.prefix($0))! } ?? message
        return first + fieldSuffix(event)
    }

    /// ` error.code=… status=…`: the fields that say what kind of failure a line is.
    static func fieldSuffix(_ event: LogEvent) -> String {
        guard !event.fields.isEmpty else { return "" }
        var keys: [String] = [] // allocates only when a telling field is there (few lines)
        for key in event.fields.keys where isTelling(key) { keys.append(key) }
        guard !keys.isEmpty else { return "" }
        keys.sort()
        var text = ""
        for key in keys {
            guard let value = event.fields[key], !value.isEmpty, !UTF8Search.contains(event.message, value) else { continue }
            text += " \(key)=\(value.count > 160 ? String(value.prefix(160)) : value)"
        }
        return text
    }

    @inline(__always)
    private static func isTelling(_ key: String) -> Bool {
        // most keys start with none of these letters: no hashing for them
        guard let first = key.utf8.first, first == 0x65 || first == 0x63 || first == 0x72 || first == 0x73 else { return false }
        return key.hasPrefix("error") || tellingFields.contains(key)
    }

    /// The cluster of a (not yet redacted) mining text. Only a text whose miner signature (its constant
    /// tokens) has not been seen is redacted and mined; the others join the cluster of the first text with
    /// their signature. So every template is built from redacted text, and redaction runs once per
    /// signature instead of once per line (it was the costliest step of triage on a 1 GB log).
    private mutating func cluster(ofRaw text: String) -> Int {
        var text = text
        let signature = text.withUTF8 { miner.signature(of: UnsafeRawBufferPointer($0)) }
        if let id = rawSignatures.find(signature) { return Int(id) }
        if rawSignatures.count >= Self.rawSignatureLimit { rawSignatures.removeAll() }
        let id = miner.add(redactor.redact(text))
        rawSignatures.set(signature, Int32(id))
        return id
    }

    private static let rawSignatureLimit = 1 << 18

    /// Whether the event names its failure with a code field (`error.code`, `errorCode`, `error_code`).
    static func hasErrorCode(_ event: LogEvent) -> Bool {
        errorCodeKeys.contains { !(event.fields[$0] ?? "").isEmpty }
    }
    private static let errorCodeKeys = ["error.code", "errorCode", "error_code"]

    public mutating func add(_ event: LogEvent) {
        eventCount += 1
        let text = Self.miningText(event) // not redacted: it is only hashed and searched here, never kept
        let id = cluster(ofRaw: text)
        while clusters.count <= id { clusters.append(ClusterStats()) }
        let level = LevelWords.escalated(event.level ?? .info, message: text)
        // moved out and back, not copied: a copy would duplicate the per-minute histogram on every event
        var stats = ClusterStats()
        swap(&stats, &clusters[id])
        defer { swap(&stats, &clusters[id]) }
        stats.count += 1
        if level.isFailure {
            stats.failureCount += 1
            failureCount += 1
        } else if level == .warning {
            stats.warningCount += 1
            if Self.hasErrorCode(event) { stats.codedWarningCount += 1 }
        }
        let component = event.source ?? event.fields["service"]
        if let ts = event.timestamp {
            if stats.firstSeen.map({ ts < $0 }) ?? true { stats.firstSeen = ts }
            if stats.lastSeen.map({ ts > $0 }) ?? true { stats.lastSeen = ts }
            if windowStart.map({ ts < $0 }) ?? true { windowStart = ts }
            if windowEnd.map({ ts > $0 }) ?? true { windowEnd = ts }
            let minute = Int((ts.timeIntervalSince1970 / 60).rounded(.down))
            if stats.perMinute.count < ClusterStats.maxMinutes || stats.perMinute[minute] != nil {
                stats.perMinute[minute, default: 0] += 1
            }
            if level.isFailure, stats.firstFailureAt.map({ ts < $0 }) ?? true {
                stats.firstFailureAt = ts
                stats.firstFailureComponent = component.map(redactor.redact)
            }
        } else if level.isFailure, stats.firstFailureComponent == nil {
            stats.firstFailureComponent = component.map(redactor.redact)
        }
        if let component, stats.components.count < ClusterStats.maxComponents || stats.components[component] != nil {
            stats.components[component, default: 0] += 1
        }
        if stats.sample.isEmpty || level > stats.maxLevel {
            var sample = event.message + Self.fieldSuffix(event)
            if sample.utf8.count > configuration.sampleMaxBytes {
                sample = String(decoding: sample.utf8.prefix(configuration.sampleMaxBytes), as: UTF8.self) + "…"
            }
            stats.sample = redactor.redact(sample)
        }
        if level > stats.maxLevel { stats.maxLevel = level }
    }

    /// Ranks, selects and packs. `source` names the input; `statistics` are the ingestor's.
    public func finish(source: String, statistics: IngestStatistics = IngestStatistics()) -> EvidencePack {
        let startMinute = windowStart.map { Int(($0.timeIntervalSince1970 / 60).rounded(.down)) }
        let endMinute = windowEnd.map { Int(($0.timeIntervalSince1970 / 60).rounded(.down)) }
        let (clusterIDs, clusters) = mergedClusters()
        let onset = Self.onsetTime(clusters, windowStart: windowStart)
        let onsetMinute = onset.map { Int(($0.timeIntervalSince1970 / 60).rounded(.down)) }
        let hasBaseline: Bool = {
            guard let s = startMinute, let o = onsetMinute else { return false }
            return o - s >= 2
        }()

        struct Scored { var id: Int; var score: Double; var novel: Bool; var burst: Double }
        var scored: [Scored] = []
        for (id, c) in clusters.enumerated() {
            var burst = 1.0
            var novel = false
            if hasBaseline, let s = startMinute, let o = onsetMinute, let e = endMinute {
                let before = c.perMinute.reduce(0) { $1.key < o ? $0 + $1.value : $0 }
                let after = c.count - before
                let beforeRate = (Double(before) + 0.5) / Double(max(1, o - s))
                let afterRate = Double(after) / Double(max(1, e - o + 1))
                burst = afterRate / beforeRate
                novel = before == 0 && after > 0
            }
            let weight: Double = switch c.maxLevel {
            case .critical: 10
            case .error: 6
            case .warning: 3
            case .notice: 1.5
            case .info: 1
            case .debug, .trace: 0.3
            }
            var score = weight * log2(2 + Double(c.count)) * (novel ? 2 : 1) * (1 + min(3, log2(max(1, burst))))
            if c.maxLevel < .warning, !novel { score *= 0.1 }
            scored.append(Scored(id: id, score: score, novel: novel, burst: burst))
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }

        // co-occurrence with the top failure cluster
        let topFailure = scored.first { clusters[$0.id].failureCount > 0 }
        let topMinutes = topFailure.map { Set(clusters[$0.id].perMinute.keys) } ?? []
        func cooccurrence(_ id: Int) -> Double {
            guard !topMinutes.isEmpty else { return 0 }
            let minutes = Set(clusters[id].perMinute.keys)
            let union = minutes.union(topMinutes).count
            return union == 0 ? 0 : Double(minutes.intersection(topMinutes).count) / Double(union)
        }

        let candidates = scored.filter { s in
            let c = clusters[s.id]
            return c.maxLevel >= .warning || (s.novel && hasBaseline)
        }.map { s -> Scored in
            var s = s
            s.score *= 1 + cooccurrence(s.id)
            return s
        }.sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }

        // A warning counts as an incident when it bursts or is new against a baseline; with no baseline
        // (a window too short to have one, e.g. an alarm minutes after the onset), when it recurs and
        // the service names it as a failure with an error code (`memory_high`, `slow_hash`).
        let warningBurst = candidates.contains { s in
            let c = clusters[s.id]
            guard c.maxLevel == .warning else { return false }
            if c.count >= 5 && (s.novel || s.burst >= 4) { return true }
            return !hasBaseline && c.codedWarningCount >= Self.codedWarningsWithoutBaseline
        }
        let hasIncident = failureCount > 0 || warningBurst

        // histogram window: up to perMinuteLimit minutes, starting a little before the onset
        var histogramStart = startMinute ?? 0
        var histogramEnd = endMinute ?? -1
        if histogramEnd - histogramStart + 1 > configuration.perMinuteLimit {
            let anchor = onsetMinute ?? histogramEnd
            histogramStart = max(histogramStart, anchor - configuration.perMinuteLimit / 4)
            histogramEnd = min(histogramEnd, histogramStart + configuration.perMinuteLimit - 1)
        }

        var items: [RankedEvidence] = []
        for s in candidates.prefix(configuration.maxEvidence) {
            let c = clusters[s.id]
            var perMinute: [Int] = []
            if histogramEnd >= histogramStart, !c.perMinute.isEmpty {
                perMinute = (histogramStart...histogramEnd).map { c.perMinute[$0] ?? 0 }
            }
            let component = c.components.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
            let evidence = Evidence(
                id: "E\(items.count + 1)", template: miner.template(ofCluster: clusterIDs[s.id]), count: c.count,
                firstSeen: c.firstSeen, lastSeen: c.lastSeen, sample: c.sample, level: c.maxLevel, perMinute: perMinute)
            items.append(RankedEvidence(
                evidence: evidence, score: (s.score * 100).rounded() / 100, novel: s.novel, burst: (s.burst * 10).rounded() / 10,
                component: component.map(redactor.redact), cooccurrence: (cooccurrence(s.id) * 100).rounded() / 100,
                failureCount: c.failureCount))
        }

        // first failing component: the earliest failure among the selected clusters
        let firstFailure = candidates.prefix(configuration.maxEvidence)
            .compactMap { s -> (Date, String)? in
                let c = clusters[s.id]
                guard let at = c.firstFailureAt, let comp = c.firstFailureComponent else { return nil }
                return (at, comp)
            }
            .min { $0.0 < $1.0 }?.1

        let failureTemplates = items.filter { $0.failureCount > 0 }.map(\.evidence.template)
        let fingerprint = Fingerprint.of(templates: failureTemplates.isEmpty ? items.map(\.evidence.template) : failureTemplates)
        let stamp = windowStart.map { Self.compactStamp($0) } ?? "nowindow"
        let incident = Incident(
            id: "inc-\(fingerprint.prefix(8))-\(stamp)", fingerprint: fingerprint, source: redactor.redact(source),
            windowStart: windowStart, windowEnd: windowEnd, firstFailingComponent: firstFailure,
            eventCount: eventCount, errorCount: failureCount, malformedCount: statistics.malformed)
        var pack = EvidencePack(incident: incident, items: items, hasIncident: hasIncident, onset: onset,
                                budgetTokens: configuration.budgetTokens, clusterCount: miner.templateCount)
        EvidencePacker(budgetTokens: configuration.budgetTokens).pack(&pack)
        return pack
    }

    /// The first failure of a cluster that failed more than once (or of any, when none did twice).
    /// The miner may merge clusters after handing out their ids: statistics are summed per final cluster.
    private func mergedClusters() -> ([Int], [ClusterStats]) {
        var index: [Int: Int] = [:]
        var ids: [Int] = []
        var merged: [ClusterStats] = []
        for (id, stats) in clusters.enumerated() where stats.count > 0 {
            let canonical = miner.canonicalID(ofCluster: id)
            if let i = index[canonical] {
                merged[i].absorb(stats)
            } else {
                index[canonical] = merged.count
                ids.append(canonical)
                merged.append(stats)
            }
        }
        return (ids, merged)
    }

    /// With no failure: the first appearance of a warning template that was not there at the start.
    private static func onsetTime(_ clusters: [ClusterStats], windowStart: Date?) -> Date? {
        let repeated = clusters.filter { $0.failureCount >= 2 }.compactMap(\.firstFailureAt).min()
        if let onset = repeated ?? clusters.compactMap(\.firstFailureAt).min() { return onset }
        guard let start = windowStart else { return nil }
        return clusters.filter { $0.warningCount >= 3 }.compactMap(\.firstSeen).filter { $0.timeIntervalSince(start) >= 120 }.min()
    }

    static func compactStamp(_ date: Date) -> String {
        let s = RFC3339.string(from: date) // 2026-11-27T17:20:53.123Z
        return String(s.filter { $0.isNumber }.prefix(12))
    }
}
