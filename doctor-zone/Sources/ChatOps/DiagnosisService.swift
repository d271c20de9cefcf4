import CloudDoctorModels
import Foundation

/// What an operator or an alarm asked to be diagnosed.
public struct DiagnosisRequest: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Root cause only.
        case analyze
        /// Root cause and the Terraform fix.
        case terraform
    }

    public var kind: Kind
    /// CloudWatch log group (or a local path when the server reads files).
    public var logGroup: String
    /// How far back from `windowEnd` to read, in seconds.
    public var since: TimeInterval
    /// The end of the window; nil means "now, when the job runs".
    public var windowEnd: Date?
    /// Free text the operator gave (`/terraform … description`), empty when none.
    public var description: String

    public init(kind: Kind, logGroup: String, since: TimeInterval, windowEnd: Date? = nil, description: String = "") {
        self.kind = kind
        self.logGroup = logGroup
        self.since = since
        self.windowEnd = windowEnd
        self.description = description
    }
}

/// The exact, redacted text handed to one model (shown by "Show what was sent").
public struct ModelInput: Sendable, Hashable, Codable {
    public var model: String
    public var payload: String

    public init(model: String, payload: String) {
        self.model = model
        self.payload = payload
    }
}

/// A diagnosis and what was sent to produce it.
public struct DiagnosisReport: Sendable, Hashable {
    public var diagnosis: Diagnosis
    public var modelInputs: [ModelInput]

    public init(diagnosis: Diagnosis, modelInputs: [ModelInput] = []) {
        self.diagnosis = diagnosis
        self.modelInputs = modelInputs
    }
}

/// The seam between ChatOps and the diagnosis pipeline: logs in, diagnosis out.
public protocol DiagnosisService: Sendable {
    func diagnose(_ request: DiagnosisRequest) async throws -> DiagnosisReport
    /// Which analyzer/prescriber are configured (for `/doctor status`).
    var modelsDescription: String { get }
    /// For `/readyz`: can it read logs now (source configured, credentials resolvable)?
    func isReady() async -> Bool
}

extension DiagnosisService {
    public var modelsDescription: String { "offline" }
    public func isReady() async -> Bool { true }
}
