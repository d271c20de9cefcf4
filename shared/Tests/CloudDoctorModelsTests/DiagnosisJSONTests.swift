import Foundation
import Testing
@testable import CloudDoctorModels

@Suite("Model JSON round trips")
struct DiagnosisJSONTests {
    static let when = Date(timeIntervalSince1970: 1_795_000_000.125)

    static func sampleDiagnosis() -> Diagnosis {
        let incident = Incident(
            id: "inc-1", fingerprint: "abc123", source: "/ecs/patient-api",
            windowStart: when, windowEnd: when.addingTimeInterval(600),
            firstFailingComponent: "mysql-pool", eventCount: 1200, errorCount: 87, malformedCount: 2)
        let evidence = Evidence(
            id: "E1", template: "pool exhausted after <*> ms", count: 87,
            firstSeen: when, lastSeen: when.addingTimeInterval(300),
            sample: "pool exhausted after 5000 ms", level: .error, perMinute: [0, 12, 75])
        let prescription = Prescription(
            explanation: "Raise the pool size.", terraform: "resource \"x\" \"y\" {}",
            files: [FilePatch(path: "infra/aws/main.tf", diff: "--- a\n+++ b\n", resultingBlock: "resource \"x\" \"y\" {}")])
        return Diagnosis(
            incident: incident, summary: "Pool exhausted", rootCause: "Too few connections",
            severity: .high, confidence: 0.9, signature: "pool-exhausted", evidence: [evidence],
            claims: [Claim(text: "pool ran dry", evidenceIds: ["E1"], verified: true)],
            prescription: prescription, notes: ["offline"],
            usage: [ModelUsage(model: "offline", inputTokens: 0, outputTokens: 0, estimatedCostUSD: 0)])
    }

    @Test func diagnosisSurvivesEncodeDecode() throws {
        let original = Self.sampleDiagnosis()
        let data = try CloudDoctorJSON.encoder().encode(original)
        let decoded = try CloudDoctorJSON.decoder().decode(Diagnosis.self, from: data)
        #expect(decoded == original)
    }

    @Test func diagnosisJSONHasTheDesignKeys() throws {
        let data = try CloudDoctorJSON.encoder().encode(Self.sampleDiagnosis())
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["incident", "summary", "rootCause", "severity", "evidence", "prescription", "analyzer", "prescriber"] {
            #expect(object[key] != nil, "missing key \(key)")
        }
        let evidence = try #require((object["evidence"] as? [[String: Any]])?.first)
        for key in ["template", "count", "firstSeen", "lastSeen", "sample"] {
            #expect(evidence[key] != nil, "missing evidence key \(key)")
        }
        let prescription = try #require(object["prescription"] as? [String: Any])
        for key in ["explanation", "terraform", "files"] {
            #expect(prescription[key] != nil, "missing prescription key \(key)")
        }
    }

    @Test func datesAreRFC3339WithMilliseconds() throws {
        let text = RFC3339.string(from: Self.when)
        #expect(text.hasSuffix("Z"))
        #expect(text.contains(".125"))
        let back = try #require(RFC3339.date(from: text))
        #expect(abs(back.timeIntervalSince(Self.when)) < 0.001)
    }

    @Test(arguments: [
        (1_795_000_000.123, "2026-11-18T11:06:40.123Z"),
        (1_795_000_000.0, "2026-11-18T11:06:40.000Z"),
        (1_795_000_000.9996, "2026-11-18T11:06:41.000Z"),
        (1_795_000_000.007, "2026-11-18T11:06:40.007Z"),
    ])
    func millisecondsAreRoundedNotTruncated(seconds: Double, expected: String) {
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test func logEventAndLevelsRoundTrip() throws {
        let event = LogEvent(timestamp: Self.when, level: .warning, message: "slow query", source: "api", fields: ["ms": "900"])
        let data = try CloudDoctorJSON.encoder().encode(event)
        #expect(try CloudDoctorJSON.decoder().decode(LogEvent.self, from: data) == event)
        #expect(LogLevel.error > LogLevel.warning)
        #expect(LogLevel.critical.isFailure && !LogLevel.warning.isFailure)
        #expect(Severity.critical > Severity.high)
    }
}
