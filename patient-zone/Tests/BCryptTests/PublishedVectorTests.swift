import BCrypt
import Testing

/// A published bcrypt vector: the password's bytes and the hash its source publishes for it.
struct Vector: CustomTestStringConvertible, Sendable {
    let password: [UInt8]
    let hash: String
    let source: Source

    var testDescription: String { "\(hash.prefix(7))… \(password.count) bytes (\(source))" }

    enum Source: String, Sendable {
        /// Openwall crypt_blowfish 1.3 `wrapper.c` test table (the reference for $2a$/$2b$/$2x$/$2y$),
        /// as vendored by pyca/bcrypt at `src/crypt_blowfish-1.3/wrapper.c`.
        case openwall = "openwall crypt_blowfish 1.3 wrapper.c (pyca/bcrypt src/crypt_blowfish-1.3/wrapper.c)"
        /// pyca/bcrypt `tests/test_bcrypt.py` (`_test_vectors`, `_2y_test_vectors`, `test_2a_wraparound_bug`).
        case pyca = "pyca/bcrypt tests/test_bcrypt.py"
        /// jBCrypt's vectors as published in Bouncy Castle's `OpenBSDBCryptTest` ("cross-checked with crypt_blowfish").
        case jbcrypt = "jBCrypt via bcgit/bc-java OpenBSDBCryptTest"
    }
}

private func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }
private func bytes(_ values: UInt8...) -> [UInt8] { values }
private func repeated(_ pattern: [UInt8], count: Int) -> [UInt8] { Array((0..<count).map { pattern[$0 % pattern.count] }) }

/// Passwords of at most 72 bytes: hashed with the setting of the published hash, the result must be that hash.
let shortVectors: [Vector] = [
    // openwall wrapper.c
    Vector(password: ascii("U*U"), hash: "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW", source: .openwall),
    Vector(password: ascii("U*U*"), hash: "$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK", source: .openwall),
    Vector(password: ascii("U*U*U"), hash: "$2a$05$XXXXXXXXXXXXXXXXXXXXXOAcXxm9kjPGEMsLznoKqmqw7tc8WCx4a", source: .openwall),
    // empty password
    Vector(password: [], hash: "$2a$05$CCCCCCCCCCCCCCCCCCCCC.7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy", source: .openwall),
    // non-ASCII bytes; $2x$ reproduces the sign-extension bug ("\xa3" collides with "\xff\xff\xa3")
    Vector(password: bytes(0xA3), hash: "$2x$05$/OK.fbVrR/bpIqNJ5ianF.CE5elHaaO4EbggVDjb8P19RukzXSM3e", source: .openwall),
    Vector(password: bytes(0xFF, 0xFF, 0xA3), hash: "$2x$05$/OK.fbVrR/bpIqNJ5ianF.CE5elHaaO4EbggVDjb8P19RukzXSM3e", source: .openwall),
    Vector(password: bytes(0xFF, 0xFF, 0xA3), hash: "$2y$05$/OK.fbVrR/bpIqNJ5ianF.CE5elHaaO4EbggVDjb8P19RukzXSM3e", source: .openwall),
    // $2a$ countermeasure: differs from $2b$/$2y$ exactly where $2x$ would collide
    Vector(password: bytes(0xFF, 0xFF, 0xA3), hash: "$2a$05$/OK.fbVrR/bpIqNJ5ianF.nqd1wy.pTMdcvrRWxyiGL2eMz.2a85.", source: .openwall),
    Vector(password: bytes(0xFF, 0xFF, 0xA3), hash: "$2b$05$/OK.fbVrR/bpIqNJ5ianF.CE5elHaaO4EbggVDjb8P19RukzXSM3e", source: .openwall),
    Vector(password: bytes(0xA3), hash: "$2y$05$/OK.fbVrR/bpIqNJ5ianF.Sa7shbm4.OzKpvFnX1pQLmQW96oUlCq", source: .openwall),
    Vector(password: bytes(0xA3), hash: "$2a$05$/OK.fbVrR/bpIqNJ5ianF.Sa7shbm4.OzKpvFnX1pQLmQW96oUlCq", source: .openwall),
    Vector(password: bytes(0xA3), hash: "$2b$05$/OK.fbVrR/bpIqNJ5ianF.Sa7shbm4.OzKpvFnX1pQLmQW96oUlCq", source: .openwall),
    Vector(password: bytes(0x31, 0xA3, 0x33, 0x34, 0x35), hash: "$2x$05$/OK.fbVrR/bpIqNJ5ianF.o./n25XVfn6oAPaUvHe.Csk4zRfsYPi", source: .openwall),
    Vector(password: bytes(0xFF, 0xA3, 0x33, 0x34, 0x35), hash: "$2x$05$/OK.fbVrR/bpIqNJ5ianF.o./n25XVfn6oAPaUvHe.Csk4zRfsYPi", source: .openwall),
    Vector(password: bytes(0xFF, 0xA3, 0x33, 0x34, 0xFF, 0xFF, 0xFF, 0xA3, 0x33, 0x34, 0x35),
           hash: "$2x$05$/OK.fbVrR/bpIqNJ5ianF.o./n25XVfn6oAPaUvHe.Csk4zRfsYPi", source: .openwall),
    Vector(password: bytes(0xFF, 0xA3, 0x33, 0x34, 0xFF, 0xFF, 0xFF, 0xA3, 0x33, 0x34, 0x35),
           hash: "$2y$05$/OK.fbVrR/bpIqNJ5ianF.o./n25XVfn6oAPaUvHe.Csk4zRfsYPi", source: .openwall),
    Vector(password: bytes(0xFF, 0xA3, 0x33, 0x34, 0xFF, 0xFF, 0xFF, 0xA3, 0x33, 0x34, 0x35),
           hash: "$2a$05$/OK.fbVrR/bpIqNJ5ianF.ZC1JEJ8Z4gPfpe1JOr/oyPXTWl9EFd.", source: .openwall),
    Vector(password: bytes(0xFF, 0xA3, 0x33, 0x34, 0x35), hash: "$2y$05$/OK.fbVrR/bpIqNJ5ianF.nRht2l/HRhr6zmCp9vYUvvsqynflf9e", source: .openwall),
    Vector(password: bytes(0xFF, 0xA3, 0x33, 0x34, 0x35), hash: "$2a$05$/OK.fbVrR/bpIqNJ5ianF.nRht2l/HRhr6zmCp9vYUvvsqynflf9e", source: .openwall),
    Vector(password: bytes(0xA3, 0x61, 0x62), hash: "$2a$05$/OK.fbVrR/bpIqNJ5ianF.6IflQkJytoRVc1yuaNtHfiuq.FRlSIS", source: .openwall),
    Vector(password: bytes(0xA3, 0x61, 0x62), hash: "$2x$05$/OK.fbVrR/bpIqNJ5ianF.6IflQkJytoRVc1yuaNtHfiuq.FRlSIS", source: .openwall),
    Vector(password: bytes(0xA3, 0x61, 0x62), hash: "$2y$05$/OK.fbVrR/bpIqNJ5ianF.6IflQkJytoRVc1yuaNtHfiuq.FRlSIS", source: .openwall),
    Vector(password: bytes(0xD1, 0x91), hash: "$2x$05$6bNw2HLQYeqHYyBfLMsv/OiwqTymGIGzFsA4hOTWebfehXHNprcAS", source: .openwall),
    Vector(password: bytes(0xD0, 0xC1, 0xD2, 0xCF, 0xCC, 0xD8),
           hash: "$2x$05$6bNw2HLQYeqHYyBfLMsv/O9LIGgn8OMzuDoHfof8AQimSGfcSWxnS", source: .openwall),
    // exactly 72 bytes: every byte counts, the NUL terminator falls off
    Vector(password: repeated([0xAA, 0x55], count: 72), hash: "$2a$05$/OK.fbVrR/bpIqNJ5ianF.R9xrDjiycxMbQE2bp.vgqlYpW5wx2yy", source: .openwall),
    Vector(password: repeated([0x55, 0xAA, 0xFF], count: 72), hash: "$2a$05$/OK.fbVrR/bpIqNJ5ianF.9tQZzcJfm3uj2NvJ/n5xkhpqLrMpWCe", source: .openwall),
    // pyca/bcrypt
    Vector(password: ascii("Kk4DQuMMfZL9o"), hash: "$2b$04$cVWp4XaNU8a4v1uMRum2SO026BWLIoQMD/TXg5uZV.0P.uO8m3YEm", source: .pyca),
    Vector(password: ascii("9IeRXmnGxMYbs"), hash: "$2b$04$pQ7gRO7e6wx/936oXhNjrOUNOHL1D0h1N2IDbJZYs.1ppzSof6SPy", source: .pyca),
    Vector(password: ascii("xVQVbwa1S0M8r"), hash: "$2b$04$SQe9knOzepOVKoYXo9xTteNYr6MBwVz4tpriJVe3PNgYufGIsgKcW", source: .pyca),
    Vector(password: ascii("Zfgr26LWd22Za"), hash: "$2b$04$eH8zX.q5Q.j2hO1NkVYJQOM6KxntS/ow3.YzVmFrE4t//CoF4fvne", source: .pyca),
    Vector(password: ascii("Tg4daC27epFBE"), hash: "$2b$04$ahiTdwRXpUG2JLRcIznxc.s1.ydaPGD372bsGs8NqyYjLY1inG5n2", source: .pyca),
    Vector(password: ascii("xhQPMmwh5ALzW"), hash: "$2b$04$nQn78dV0hGHf5wUBe0zOFu8n07ZbWWOKoGasZKRspZxtt.vBRNMIy", source: .pyca),
    Vector(password: ascii("59je8h5Gj71tg"), hash: "$2b$04$cvXudZ5ugTg95W.rOjMITuM1jC0piCl3zF5cmGhzCibHZrNHkmckG", source: .pyca),
    Vector(password: ascii("wT4fHJa2N9WSW"), hash: "$2b$04$YYjtiq4Uh88yUsExO0RNTuEJ.tZlsONac16A8OcLHleWFjVawfGvO", source: .pyca),
    Vector(password: ascii("uSgFRnQdOgm4S"), hash: "$2b$04$WLTjgY/pZSyqX/fbMbJzf.qxCeTMQOzgL.CimRjMHtMxd/VGKojMu", source: .pyca),
    Vector(password: ascii("tEPtJZXur16Vg"), hash: "$2b$04$2moPs/x/wnCfeQ5pCheMcuSJQ/KYjOZG780UjA/SiR.KsYWNrC7SG", source: .pyca),
    Vector(password: ascii("vvho8C6nlVf9K"), hash: "$2b$04$HrEYC/AQ2HS77G78cQDZQ.r44WGcruKw03KHlnp71yVQEwpsi3xl2", source: .pyca),
    Vector(password: ascii("5auCCY9by0Ruf"), hash: "$2b$04$vVYgSTfB8KVbmhbZE/k3R.ux9A0lJUM4CZwCkHI9fifke2.rTF7MG", source: .pyca),
    Vector(password: ascii("GtTkR6qn2QOZW"), hash: "$2b$04$JfoNrR8.doieoI8..F.C1OQgwE3uTeuardy6lw0AjALUzOARoyf2m", source: .pyca),
    Vector(password: ascii("zKo8vdFSnjX0f"), hash: "$2b$04$HP3I0PUs7KBEzMBNFw7o3O7f/uxaZU7aaDot1quHMgB2yrwBXsgyy", source: .pyca),
    Vector(password: ascii("I9VfYlacJiwiK"), hash: "$2b$04$xnFVhJsTzsFBTeP3PpgbMeMREb6rdKV9faW54Sx.yg9plf4jY8qT6", source: .pyca),
    Vector(password: ascii("VFPO7YXnHQbQO"), hash: "$2b$04$WQp9.igoLqVr6Qk70mz6xuRxE0RttVXXdukpR9N54x17ecad34ZF6", source: .pyca),
    Vector(password: ascii("VDx5BdxfxstYk"), hash: "$2b$04$xgZtlonpAHSU/njOCdKztOPuPFzCNVpB4LGicO4/OGgHv.uKHkwsS", source: .pyca),
    Vector(password: ascii("dEe6XfVGrrfSH"), hash: "$2b$04$2Siw3Nv3Q/gTOIPetAyPr.GNj3aO0lb1E5E9UumYGKjP9BYqlNWJe", source: .pyca),
    Vector(password: ascii("cTT0EAFdwJiLn"), hash: "$2b$04$7/Qj7Kd8BcSahPO4khB8me4ssDJCW3r4OGYqPF87jxtrSyPj5cS5m", source: .pyca),
    Vector(password: ascii("J8eHUDuxBB520"), hash: "$2b$04$VvlCUKbTMjaxaYJ.k5juoecpG/7IzcH1AkmqKi.lIZMVIOLClWAk.", source: .pyca),
    Vector(password: bytes(0xA3), hash: "$2y$05$/OK.fbVrR/bpIqNJ5ianF.Sa7shbm4.OzKpvFnX1pQLmQW96oUlCq", source: .pyca),
    // jBCrypt (empty passwords at several costs, short ASCII)
    Vector(password: [], hash: "$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s.", source: .jbcrypt),
]

/// Passwords longer than 72 bytes: bcrypt implementations in C read the first 72 bytes only.
/// Ours refuses them unless `.truncateTo72Bytes` is asked for by name.
let longVectors: [Vector] = [
    Vector(password: ascii("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789chars after 72 are ignored"),
           hash: "$2a$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui", source: .openwall),
    Vector(password: repeated([0xAA], count: 72) + ascii("chars after 72 are ignored as usual"),
           hash: "$2a$05$/OK.fbVrR/bpIqNJ5ianF.swQOIzjOiJ9GHEPuhEkvqrUyvWhEMx6", source: .openwall),
    // The $2a$ wraparound case: OpenBSD's old $2a$ stored the length in 8 bits, so a 255-byte password
    // wrapped to a near-empty key. Correct implementations read 72 bytes; this is that answer.
    Vector(password: Array(repeated(ascii("0123456789"), count: 260).prefix(255)),
           hash: "$2a$04$R1lJ2gkNaoPGdafE.H.16.1MKHPvmKwryeulRe225LKProWYwt9Oi", source: .pyca),
]

@Suite("BCrypt published vectors")
struct PublishedVectorTests {
    @Test("hashing the password with the vector's setting reproduces the published hash", arguments: shortVectors)
    func hashReproducesPublishedHash(vector: Vector) throws {
        #expect(try BCrypt.hash(passwordBytes: vector.password, settingText: vector.hash) == vector.hash)
        #expect(try BCrypt.hash(passwordBytes: vector.password, settingText: String(vector.hash.prefix(29))) == vector.hash)
    }

    /// The last byte is changed: under `$2x$` earlier bytes can be masked by the sign-extension bug.
    @Test("verify accepts the published hash and rejects a change of the last byte", arguments: shortVectors)
    func verifyAcceptsPublishedHash(vector: Vector) throws {
        #expect(try BCrypt.verify(passwordBytes: vector.password, hash: vector.hash))
        let changed = vector.password.isEmpty ? [0x61] : vector.password.dropLast() + [vector.password.last! ^ 0x01]
        #expect(try !BCrypt.verify(passwordBytes: changed, hash: vector.hash))
    }

    @Test("passwords over 72 bytes are refused by default", arguments: longVectors)
    func longPasswordsAreRefused(vector: Vector) {
        #expect(throws: BCryptError.passwordTooLong(byteCount: vector.password.count)) {
            try BCrypt.hash(passwordBytes: vector.password, settingText: vector.hash)
        }
        #expect(throws: BCryptError.passwordTooLong(byteCount: vector.password.count)) {
            try BCrypt.verify(passwordBytes: vector.password, hash: vector.hash)
        }
    }

    @Test("explicit truncation to 72 bytes reproduces the published hash", arguments: longVectors)
    func explicitTruncationMatches(vector: Vector) throws {
        #expect(try BCrypt.hash(passwordBytes: vector.password, settingText: vector.hash, longPassword: .truncateTo72Bytes) == vector.hash)
        #expect(try BCrypt.verify(passwordBytes: vector.password, hash: vector.hash, longPassword: .truncateTo72Bytes))
    }

    @Test("72 bytes are accepted and 73 refused")
    func seventyTwoByteBoundary() throws {
        let setting = "$2b$04$xnFVhJsTzsFBTeP3PpgbMe"
        let hash72 = try BCrypt.hash(passwordBytes: repeated([0xAA], count: 72), settingText: setting)
        #expect(try BCrypt.verify(passwordBytes: repeated([0xAA], count: 72), hash: hash72))
        #expect(throws: BCryptError.passwordTooLong(byteCount: 73)) {
            try BCrypt.hash(passwordBytes: repeated([0xAA], count: 73), settingText: setting)
        }
        // Byte 72 matters: 71 bytes of 0xAA is a different password.
        #expect(try !BCrypt.verify(passwordBytes: repeated([0xAA], count: 71), hash: hash72))
    }
}
