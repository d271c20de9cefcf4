/// bcrypt password hashing, pure Swift.
///
///     let hash = try BCrypt.hash(password: "correct horse", cost: 12)   // "$2b$12$…"
///     let ok = try BCrypt.verify(password: "correct horse", hash: hash) // true
///
/// bcrypt reads at most 72 bytes of password. Longer passwords are refused with
/// `BCryptError.passwordTooLong` unless the caller asks for `.truncateTo72Bytes` by name.
/// Passwords holding a NUL byte are refused (C implementations would stop reading there).
/// Hashing is CPU-bound and takes ~2^cost × 0.05 ms: run it off latency-sensitive threads.
public enum BCrypt {
    public static let maximumPasswordBytes = 72
    public static let costRange = 4...31
    public static let defaultCost = 12
    public static let saltBytes = 16
    static let digestBytes = 23
    static let settingLength = 29
    static let hashLength = 60

    /// Hashes `password` (its UTF-8 bytes) with a fresh random salt, as `$2b$`.
    public static func hash(password: String, cost: Int = defaultCost) throws(BCryptError) -> String {
        try hash(passwordBytes: Array(password.utf8), setting: .random(cost: cost))
    }

    /// Hashes raw password bytes with the given setting (version, cost, salt).
    public static func hash(
        passwordBytes: [UInt8],
        setting: BCryptSetting,
        longPassword: LongPasswordPolicy = .refuse
    ) throws(BCryptError) -> String {
        let digest = try digest(passwordBytes: passwordBytes, setting: setting, longPassword: longPassword)
        return String(decoding: setting.encodedBytes + Radix64.encode(digest), as: UTF8.self)
    }

    /// Hashes raw password bytes reusing the setting of `settingText`: a 29-character setting or a whole hash
    /// (what C's `crypt(password, setting)` does).
    public static func hash(
        passwordBytes: [UInt8],
        settingText: String,
        longPassword: LongPasswordPolicy = .refuse
    ) throws(BCryptError) -> String {
        try hash(passwordBytes: passwordBytes, setting: BCryptSetting(parsing: settingText), longPassword: longPassword)
    }

    /// True when `password` matches `hash`. Throws `.malformedHash` when `hash` is not a bcrypt hash,
    /// and the password errors of `hash(…)`. The digests are compared in constant time.
    public static func verify(password: String, hash: String) throws(BCryptError) -> Bool {
        try verify(passwordBytes: Array(password.utf8), hash: hash)
    }

    /// `verify(password:hash:)` on raw bytes, with an explicit long-password policy.
    public static func verify(
        passwordBytes: [UInt8],
        hash: String,
        longPassword: LongPasswordPolicy = .refuse
    ) throws(BCryptError) -> Bool {
        let bytes = Array(hash.utf8)
        guard bytes.count == hashLength else {
            throw .malformedHash(reason: "expected \(hashLength) characters, got \(bytes.count)")
        }
        let setting = try BCryptSetting.parsePrefix(bytes)
        guard let expected = Radix64.decode(bytes[settingLength...], byteCount: digestBytes) else {
            throw .malformedHash(reason: "digest is not in bcrypt's radix-64 alphabet")
        }
        let actual = try digest(passwordBytes: passwordBytes, setting: setting, longPassword: longPassword)
        return ConstantTime.equals(actual, expected)
    }

    /// The 23-byte bcrypt digest.
    static func digest(
        passwordBytes: [UInt8],
        setting: BCryptSetting,
        longPassword: LongPasswordPolicy
    ) throws(BCryptError) -> [UInt8] {
        var password = passwordBytes[...]
        if password.count > maximumPasswordBytes {
            switch longPassword {
            case .refuse: throw .passwordTooLong(byteCount: password.count)
            case .truncateTo72Bytes: password = password.prefix(maximumPasswordBytes)
            }
        }
        guard !password.contains(0) else { throw .passwordContainsNUL }
        let state = EksBlowfish(password: password, salt: setting.salt, version: setting.version)
        state.expensiveKeySchedule(cost: setting.cost)
        return state.finalDigest()
    }
}
