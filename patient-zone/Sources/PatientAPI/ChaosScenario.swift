/// The failures `POST /chaos/{scenario}` can produce (see patient-zone/CHAOS.md).
public enum ChaosScenario: String, CaseIterable, Sendable {
    case dbTimeout = "db-timeout"
    case poolExhausted = "pool-exhausted"
    case memorySpike = "memory-spike"
    case slowHash = "slow-hash"
    case errorBurst = "error-burst"
    case dependencyDown = "dependency-down"
}
