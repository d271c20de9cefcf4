/// Why bcrypt refused to hash or verify. Each case has a stable `code` for logs and API errors.
public enum BCryptError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The password is longer than the 72 bytes bcrypt reads. Nothing was truncated.
    case passwordTooLong(byteCount: Int)
    /// The password holds a NUL byte: C implementations stop reading there, so the hash would not be portable.
    case passwordContainsNUL
    /// The cost is outside 4...31.
    case invalidCost(Int)
    /// The salt is not 16 bytes.
    case invalidSaltLength(Int)
    /// The hash (or setting) string is not a bcrypt hash we can read.
    case malformedHash(reason: String)

    /// A stable machine-readable code.
    public var code: String {
        switch self {
        case .passwordTooLong: "password_too_long"
        case .passwordContainsNUL: "password_contains_nul"
        case .invalidCost: "invalid_cost"
        case .invalidSaltLength: "invalid_salt_length"
        case .malformedHash: "malformed_hash"
        }
    }

    public var description: String {
        switch self {
        case .passwordTooLong(let count):
            "password is \(count) bytes; bcrypt reads at most \(BCrypt.maximumPasswordBytes)"
        case .passwordContainsNUL:
            "password contains a NUL byte"
        case .invalidCost(let cost):
            "cost \(cost) is outside \(BCrypt.costRange.lowerBound)...\(BCrypt.costRange.upperBound)"
        case .invalidSaltLength(let count):
            "salt is \(count) bytes; bcrypt needs \(BCrypt.saltBytes)"
        case .malformedHash(let reason):
            "malformed bcrypt hash: \(reason)"
        }
    }
}
