/// A diagnosis that could not run for a reason the operator can act on; `message` is shown in Slack.
/// (Other errors are reported as "the diagnosis failed" plus the job id, and logged.)
public struct DiagnosisFailure: Error, Sendable, Equatable {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}
