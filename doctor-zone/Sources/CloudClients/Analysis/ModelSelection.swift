import AWSCore
import AsyncHTTPClient
import Diagnosis
import Foundation
import Logging

/// Which models analyse and prescribe, from `DOCTOR_ANALYZER=auto|vertex|bedrock|offline` and
/// `DOCTOR_PRESCRIBER=auto|bedrock|offline`. `auto` uses whatever is configured (Vertex when
/// `GOOGLE_CLOUD_PROJECT` is set, Bedrock when `BEDROCK_REGION` or `BEDROCK_MODEL_ID` is set) and the
/// pipeline falls back to offline on any failure. A choice that cannot be honoured becomes offline with a note.
/// When Gemini analyses and Bedrock is configured, Claude reviews Gemini's claims (`DOCTOR_SECOND_OPINION=off` disables).
public struct ModelSelection: Sendable {
    public var vertex: VertexAIClient?
    public var bedrock: BedrockRuntimeClient?
    public var analyzer: Choice
    public var prescriber: Choice
    public var secondOpinion: Bool
    public var prices: PriceTable
    /// Why a configured choice was not honoured; copied into every diagnosis.
    public var notes: [String]

    public enum Choice: String, Sendable {
        case vertex, bedrock, offline
    }

    public init(vertex: VertexAIClient?, bedrock: BedrockRuntimeClient?, analyzer: Choice, prescriber: Choice, secondOpinion: Bool,
                prices: PriceTable = .defaults, notes: [String] = []) {
        self.vertex = vertex
        self.bedrock = bedrock
        self.analyzer = analyzer
        self.prescriber = prescriber
        self.secondOpinion = secondOpinion
        self.prices = prices
        self.notes = notes
    }

    /// Never throws: configuration problems become offline choices with notes.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment,
                                       http: HTTPClient = .shared, retryPolicy: RetryPolicy = RetryPolicy(),
                                       timeout: Duration = .seconds(60), logger: Logger = Logger(label: "doctor.models")) -> ModelSelection {
        var notes: [String] = []
        var vertex: VertexAIClient?
        do {
            vertex = try VertexAIClient.fromEnvironment(environment, http: http,
                                                        poster: JSONPoster(http: http, retryPolicy: retryPolicy, timeout: timeout, logger: logger))
        } catch {
            notes.append("vertex: not usable (\(error)); used offline")
        }
        var bedrock: BedrockRuntimeClient?
        do {
            let credentials = CachingCredentialProvider(chain: .standard(environment: environment, http: http, logger: logger))
            bedrock = try BedrockRuntimeClient.fromEnvironment(environment, credentials: credentials, http: http, logger: logger)
            bedrock?.client.retryPolicy = retryPolicy
            bedrock?.client.timeout = timeout
        } catch {
            notes.append("bedrock: not usable (\(error)); used offline")
        }

        func read(_ key: String, allowed: [Choice]) -> Choice? {
            let raw = (environment[key] ?? "auto").trimmingCharacters(in: .whitespaces).lowercased()
            if raw.isEmpty || raw == "auto" { return nil }
            if let choice = Choice(rawValue: raw), allowed.contains(choice) { return choice }
            notes.append("\(key)=\(raw.prefix(20)) is not one of auto, \(allowed.map(\.rawValue).joined(separator: ", ")); used auto")
            return nil
        }
        func honour(_ wanted: Choice, _ key: String) -> Choice {
            switch wanted {
            case .vertex where vertex == nil:
                notes.append("\(key)=vertex but Vertex AI is not configured (GOOGLE_CLOUD_PROJECT); used offline")
                return .offline
            case .bedrock where bedrock == nil:
                notes.append("\(key)=bedrock but Bedrock is not configured (BEDROCK_REGION/BEDROCK_MODEL_ID); used offline")
                return .offline
            default:
                return wanted
            }
        }
        let analyzer = read("DOCTOR_ANALYZER", allowed: [.vertex, .bedrock, .offline]).map { honour($0, "DOCTOR_ANALYZER") }
            ?? (vertex != nil ? .vertex : bedrock != nil ? .bedrock : .offline)
        let prescriber = read("DOCTOR_PRESCRIBER", allowed: [.bedrock, .offline]).map { honour($0, "DOCTOR_PRESCRIBER") }
            ?? (bedrock != nil ? .bedrock : .offline)
        let secondOpinion = analyzer == .vertex && bedrock != nil && environment["DOCTOR_SECOND_OPINION"]?.lowercased() != "off"
        return ModelSelection(vertex: vertex, bedrock: bedrock, analyzer: analyzer, prescriber: prescriber, secondOpinion: secondOpinion,
                              prices: .fromEnvironment(environment), notes: notes)
    }

    /// The analyzer and prescriber for one diagnosis, recording usage in `ledger`.
    public func components(ledger: UsageLedger) -> (analyzer: any RootCauseAnalyzer, prescriber: any Prescriber) {
        var analyzer: any RootCauseAnalyzer = OfflineAnalyzer()
        switch self.analyzer {
        case .vertex:
            if let vertex {
                let gemini = VertexAnalyzer(client: vertex, ledger: ledger)
                analyzer = secondOpinion && bedrock != nil
                    ? SecondOpinionAnalyzer(primary: gemini, reviewer: bedrock!, ledger: ledger) : gemini
            }
        case .bedrock:
            if let bedrock { analyzer = BedrockAnalyzer(client: bedrock, ledger: ledger) }
        case .offline:
            break
        }
        var prescriber: any Prescriber = OfflinePrescriber()
        if self.prescriber == .bedrock, let bedrock { prescriber = BedrockPrescriber(client: bedrock, ledger: ledger) }
        return (analyzer, prescriber)
    }
}
