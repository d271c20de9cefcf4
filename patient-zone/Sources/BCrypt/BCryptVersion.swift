/// The minor version letter of a bcrypt hash (`$2a$`, `$2b$`, `$2x$`, `$2y$`).
///
/// We follow crypt_blowfish (Openwall; also libxcrypt and PHP), the reference for all four:
/// - `b` and `y`: correct bcrypt. `$2b$` is what we write.
/// - `a`: correct bcrypt, plus crypt_blowfish's countermeasure that makes the rare passwords whose
///   `$2x$` hash would collide with their correct hash give a different `$2a$` hash.
/// - `x`: reproduces the old crypt_blowfish sign-extension bug on bytes >= 0x80. Read only
///   (verify old hashes); never chosen for new ones by default.
public enum BCryptVersion: UInt8, Sendable, CaseIterable {
    case a = 0x61
    case b = 0x62
    case x = 0x78
    case y = 0x79

    /// The letter after `$2`.
    public var letter: Character { Character(UnicodeScalar(rawValue)) }

    /// Sign-extend bytes >= 0x80 when building key words (the `$2x$` bug).
    var emulatesSignExtensionBug: Bool { self == .x }

    /// Apply crypt_blowfish's `$2a$` countermeasure.
    var appliesSafetyCountermeasure: Bool { self == .a }
}
