import CloudDoctorModels
import Diagnosis
import Foundation
import Testing

/// Logs written by a real `patient-api` during `scripts/demo --scenario X --seconds 20` (15 s of normal
/// traffic, then the chaos scenario with traffic going on), kept under `Fixtures/live/`. Unlike the
/// generated examples they are short windows with no baseline before the onset, as an alarm sees them.
@Suite("Signatures: live logs from the demo's chaos scenarios")
struct LiveDemoLogTests {
    static let live = Repo.fixtures.appendingPathComponent("live")
    static let scenarios = ["db-timeout", "pool-exhausted", "memory-spike", "slow-hash", "error-burst", "dependency-down"]

    @Test("each chaos scenario's live log is diagnosed as that scenario", arguments: scenarios)
    func diagnosesScenario(_ scenario: String) async throws {
        let pack = try evidencePack(file: Self.live.appendingPathComponent("\(scenario).log").path)
        let result = await DiagnosisPipeline().diagnose(pack: pack)
        #expect(result.foundIncident)
        #expect(result.diagnosis.signature == scenario, "\(scenario) diagnosed as \(result.diagnosis.signature ?? "nothing")")
        #expect(result.diagnosis.confidence >= 0.5)
        #expect(pack.incident.malformedCount == 0)
    }

    @Test("the normal traffic before each scenario starts is not an incident", arguments: scenarios)
    func normalTrafficIsHealthy(_ scenario: String) throws {
        let text = try String(contentsOf: Self.live.appendingPathComponent("\(scenario).log"), encoding: .utf8)
        let lines = text.split(separator: "\n")
        let start = try #require(lines.firstIndex { $0.contains("\"chaos scenario started\"") })
        #expect(start > 100, "too little normal traffic before the scenario to judge")
        let pack = evidencePack(lines: lines[..<start], source: scenario)
        #expect(!pack.hasIncident, "normal traffic flagged: \(pack.items.prefix(3).map(\.evidence.template))")
    }
}
