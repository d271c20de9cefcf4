import CloudDoctorModels
import Foundation
import Testing
@testable import LogTriage

@Suite("Triage")
struct TriageTests {
    static let start = Date(timeIntervalSince1970: 1_795_800_000)

    /// 30 minutes of normal traffic, then a burst of a new error in minute 20.
    static func incidentEvents(errorValue: Int = 5000, extraCluster: Bool = false) -> [LogEvent] {
        var events: [LogEvent] = []
        for minute in 0..<30 {
            for k in 0..<20 {
                events.append(LogEvent(timestamp: start.addingTimeInterval(Double(minute * 60 + k * 3)), level: .info,
                                       message: "request completed in \(k) ms", source: "api"))
            }
            if minute % 5 == 0 {
                events.append(LogEvent(timestamp: start.addingTimeInterval(Double(minute * 60 + 1)), level: .warning,
                                       message: "cache miss for key user-\(minute)", source: "cache"))
            }
            if minute >= 20 {
                for k in 0..<10 {
                    events.append(LogEvent(timestamp: start.addingTimeInterval(Double(minute * 60 + k * 5 + 2)), level: .error,
                                           message: "query timed out after \(errorValue + k) ms", source: "db"))
                }
            }
            if extraCluster, minute == 25 {
                events.append(LogEvent(timestamp: start.addingTimeInterval(Double(minute * 60 + 30)), level: .error,
                                       message: "disk quota warning on volume data", source: "disk"))
            }
        }
        return events
    }

    static func pack(_ events: [LogEvent], budget: Int = 6000) -> EvidencePack {
        var config = TriageConfiguration()
        config.budgetTokens = budget
        var engine = TriageEngine(configuration: config)
        for e in events { engine.add(e) }
        return engine.finish(source: "test")
    }

    @Test("the new error burst ranks first, is novel and bursts; its component failed first")
    func ranksBurst() throws {
        let pack = Self.pack(Self.incidentEvents())
        let top = try #require(pack.items.first)
        #expect(top.evidence.template.hasPrefix("query timed out after"))
        #expect(top.novel)
        #expect(top.evidence.count == 100)
        #expect(pack.incident.firstFailingComponent == "db")
        #expect(pack.incident.errorCount == 100)
        #expect(pack.hasIncident)
        #expect(top.evidence.perMinute.reduce(0, +) == 100)
    }

    @Test("the fingerprint depends on the templates, not on variable values or line order")
    func fingerprintStable() {
        let a = Self.pack(Self.incidentEvents(errorValue: 5000))
        let b = Self.pack(Self.incidentEvents(errorValue: 7000).reversed())
        let c = Self.pack(Self.incidentEvents(extraCluster: true))
        #expect(a.incident.fingerprint == b.incident.fingerprint)
        #expect(a.incident.fingerprint != c.incident.fingerprint)
    }

    @Test("the evidence text stays within the token budget", arguments: [1000, 1500, 6000])
    func budget(_ tokens: Int) {
        var events = Self.incidentEvents()
        for n in 0..<200 {
            events.append(LogEvent(timestamp: Self.start.addingTimeInterval(1300 + Double(n)), level: .error,
                                   message: "distinct failure kind\(n) " + String(repeating: "x", count: 300)))
        }
        let pack = Self.pack(events, budget: tokens)
        #expect(EvidencePack.estimateTokens(pack.render()) + 400 <= tokens)
        #expect(!pack.items.isEmpty)
    }

    @Test("a line that joins an earlier line's cluster unredacted never puts its secret in a template or sample")
    func sharedSignatureKeepsSecretsOut() {
        let t0 = Date(timeIntervalSince1970: 1_795_800_000)
        let secrets = ["AKIAZXCVBNMASDFGHJ1K", "q8Rt2Vx9Lm4Np7Kd3Hs6Jf1Gw5Zb0Yc8Ue2Ta4Pi", "maria.garcia@patients.example.org"]
        var events: [LogEvent] = []
        // the first line of the cluster holds an IP; the later ones other secrets in the same place
        events.append(LogEvent(timestamp: t0, level: .error, message: "upload rejected for 198.51.100.7 by bucket policy"))
        for (n, secret) in secrets.enumerated() {
            for k in 0..<5 {
                events.append(LogEvent(timestamp: t0.addingTimeInterval(Double(60 * n + k)), level: .error,
                                       message: "upload rejected for \(secret) by bucket policy"))
            }
        }
        let pack = Self.pack(events)
        let text = pack.items.map { "\($0.evidence.template) \($0.evidence.sample)" }.joined(separator: "\n")
        #expect(!pack.items.isEmpty)
        for secret in secrets + ["198.51.100.7"] { #expect(!text.contains(secret), "\(secret) in \(text)") }
        #expect(pack.items.reduce(0) { $0 + $1.evidence.count } == events.count)
    }

    @Test("normal traffic alone is not an incident")
    func healthy() {
        let events = Self.incidentEvents().filter { $0.level != .error }
        #expect(!Self.pack(events).hasIncident)
    }
}
