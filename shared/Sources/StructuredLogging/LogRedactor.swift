/// Decides which metadata values never leave the process.
///
/// A key is sensitive when one of its dotted components, lower-cased, ends with a sensitive word:
/// `password`, `DB_PASSWORD`, `db.password`, `accessToken`, `Set-Cookie` and `x-api-key` all are;
/// `user`, `tokens_used` and `passwordless` are not. A sensitive key hides its whole value, nested
/// metadata included. `custom` sees every remaining value with its full dotted key and may replace it.
public struct LogRedactor: Sendable {
    public static let replacement = "[REDACTED]"

    /// The words redacted by default.
    public static let standardWords: Set<String> = [
        "password", "passwd", "pwd", "passphrase", "token", "authorization", "secret", "cookie",
        "api_key", "apikey", "api-key", "private_key", "privatekey", "credential", "credentials", "signature",
    ]

    /// The default redactor: `standardWords`, no custom hook.
    public static let standard = LogRedactor()

    public private(set) var words: Set<String>
    public private(set) var custom: (@Sendable (_ key: String, _ value: String) -> String?)?

    public init(
        words: Set<String> = LogRedactor.standardWords,
        custom: (@Sendable (_ key: String, _ value: String) -> String?)? = nil
    ) {
        self.words = Set(words.map { $0.lowercased() })
        self.custom = custom
    }

    /// A copy that also redacts keys ending with any of `words`.
    public func adding(words more: some Sequence<String>) -> LogRedactor {
        var copy = self
        copy.words.formUnion(more.map { $0.lowercased() })
        return copy
    }

    /// A copy with a custom hook: return a replacement for the value, or nil to keep it.
    public func withCustom(_ custom: @escaping @Sendable (_ key: String, _ value: String) -> String?) -> LogRedactor {
        var copy = self
        copy.custom = custom
        return copy
    }

    /// True when `key` (one metadata key, which may itself contain dots) names a secret.
    public func isSensitive(key: String) -> Bool {
        let lowered = key.lowercased()
        for component in lowered.split(separator: ".", omittingEmptySubsequences: true) {
            for word in words where component.hasSuffix(word) { return true }
        }
        return false
    }

    /// The value to write for a string leaf at `path`.
    func redact(path: String, value: String) -> String {
        custom?(path, value) ?? value
    }
}
