import BCrypt
import Testing

@Suite("BCrypt API")
struct BCryptAPITests {
    @Test("hash then verify round-trips and a wrong password fails")
    func hashThenVerify() throws {
        let hash = try BCrypt.hash(password: "correct horse battery staple", cost: 4)
        #expect(hash.hasPrefix("$2b$04$"))
        #expect(hash.utf8.count == 60)
        #expect(try BCrypt.verify(password: "correct horse battery staple", hash: hash))
        #expect(try !BCrypt.verify(password: "correct horse battery stapler", hash: hash))
    }

    @Test("UTF-8 passwords are hashed as their bytes")
    func unicodePassword() throws {
        let password = "pässwörd-日本語-🔐"
        let hash = try BCrypt.hash(password: password, cost: 4)
        #expect(try BCrypt.verify(passwordBytes: Array(password.utf8), hash: hash))
        #expect(try !BCrypt.verify(password: "passwörd-日本語-🔐", hash: hash))
    }

    @Test("each hash gets a fresh salt")
    func freshSalts() throws {
        let hashes = try (0..<8).map { _ in try BCrypt.hash(password: "same", cost: 4) }
        #expect(Set(hashes.map { $0.prefix(29) }).count == hashes.count)
    }

    @Test("costs outside 4...31 are refused", arguments: [-1, 0, 3, 32, 100])
    func invalidCost(cost: Int) {
        #expect(throws: BCryptError.invalidCost(cost)) { try BCrypt.hash(password: "x", cost: cost) }
    }

    @Test("the cost is written with two digits")
    func costDigits() throws {
        let setting = try BCryptSetting(version: .b, cost: 9, salt: Array(repeating: 0, count: 16))
        #expect(setting.encoded == "$2b$09$......................")
        let parsed = try BCryptSetting(parsing: "$2y$31$......................")
        #expect(parsed.cost == 31 && parsed.version == .y)
    }

    @Test("a salt of the wrong length is refused", arguments: [0, 15, 17])
    func saltLength(count: Int) {
        #expect(throws: BCryptError.invalidSaltLength(count)) {
            try BCryptSetting(cost: 4, salt: Array(repeating: 1, count: count))
        }
    }

    @Test("passwords with a NUL byte are refused, not cut at the NUL")
    func nulRefused() {
        #expect(throws: BCryptError.passwordContainsNUL) {
            try BCrypt.hash(passwordBytes: [0x61, 0x00, 0x62], settingText: "$2b$04$xnFVhJsTzsFBTeP3PpgbMe")
        }
        #expect(throws: BCryptError.passwordContainsNUL) {
            try BCrypt.verify(password: "abc\0def", hash: "$2b$04$2Siw3Nv3Q/gTOIPetAyPr.GNj3aO0lb1E5E9UumYGKjP9BYqlNWJe")
        }
    }

    @Test("the String API refuses more than 72 UTF-8 bytes")
    func stringTooLong() {
        let password = String(repeating: "é", count: 37) // 74 bytes
        #expect(throws: BCryptError.passwordTooLong(byteCount: 74)) { try BCrypt.hash(password: password, cost: 4) }
    }

    static let malformed: [(String, String)] = [
        ("", "empty"),
        ("$2b$04$2Siw3Nv3Q/gTOIPetAyPr.GNj3aO0lb1E5E9UumYGKjP9BYqlNWJ", "59 characters"),
        ("$2b$04$2Siw3Nv3Q/gTOIPetAyPr.GNj3aO0lb1E5E9UumYGKjP9BYqlNWJe1", "61 characters"),
        ("$2z$04$2Siw3Nv3Q/gTOIPetAyPr.GNj3aO0lb1E5E9UumYGKjP9BYqlNWJe", "unknown version z"),
        ("$2c$04$2Siw3Nv3Q/gTOIPetAyPr.GNj3aO0lb1E5E9UumYGKjP9BYqlNWJe", "unknown version c"),
        ("$1b$04$2Siw3Nv3Q/gTOIPetAyPr.GNj3aO0lb1E5E9UumYGKjP9BYqlNWJe", "not $2"),
        ("$2b$03$2Siw3Nv3Q/gTOIPetAyPr.GNj3aO0lb1E5E9UumYGKjP9BYqlNWJe", "cost 3"),
        ("$2b$32$2Siw3Nv3Q/gTOIPetAyPr.GNj3aO0lb1E5E9UumYGKjP9BYqlNWJe", "cost 32"),
        ("$2b$4$2Siw3Nv3Q/gTOIPetAyPr.GNj3aO0lb1E5E9UumYGKjP9BYqlNWJe0", "one-digit cost"),
        ("$2b$0a$2Siw3Nv3Q/gTOIPetAyPr.GNj3aO0lb1E5E9UumYGKjP9BYqlNWJe", "letter in cost"),
        ("$2b$04$?Siw3Nv3Q/gTOIPetAyPr.GNj3aO0lb1E5E9UumYGKjP9BYqlNWJe", "? in salt"),
        ("$2b$04$2Siw3Nv3Q/gTOIPetAyPr.GNj3aO0lb1E5E9UumYGKjP9BYqlNWJ=", "= in digest (Base64, not radix-64)"),
        ("$2b$04$2Siw3Nv3Q+gTOIPetAyPr.GNj3aO0lb1E5E9UumYGKjP9BYqlNWJe", "+ in salt"),
        ("$2b$04$2S\u{0}w3Nv3Q/gTOIPetAyPr.GNj3aO0lb1E5E9UumYGKjP9BYqlNWJe", "NUL in salt"),
        ("$2b$04$2Siw3Nv3Q/gTOIPetAyPr.GNj3aO0lb1E5E9UumYGKjP9BYqlNWé", "non-ASCII"),
        ("$2b$04$2Siw3Nv3Q/gTOIPetAyPr.", "setting without digest"),
    ]

    @Test("malformed hashes throw malformedHash", arguments: malformed)
    func malformedHash(hash: String, why: String) {
        do {
            _ = try BCrypt.verify(password: "password", hash: hash)
            Issue.record("\(why): accepted as a hash")
        } catch {
            guard case .malformedHash = error else { Issue.record("\(why): got \(error)"); return }
        }
    }

    @Test("errors carry stable codes")
    func errorCodes() {
        #expect(BCryptError.passwordTooLong(byteCount: 80).code == "password_too_long")
        #expect(BCryptError.malformedHash(reason: "x").code == "malformed_hash")
        #expect(BCryptError.invalidCost(3).code == "invalid_cost")
    }
}
