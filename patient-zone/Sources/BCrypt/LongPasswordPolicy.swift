/// What to do with a password longer than the 72 bytes bcrypt reads.
public enum LongPasswordPolicy: Sendable {
    /// Throw `BCryptError.passwordTooLong`. The default: nothing is ever cut silently.
    case refuse
    /// Use only the first 72 bytes, as most C implementations do without saying so.
    /// Only for verifying hashes made by such implementations.
    case truncateTo72Bytes
}
