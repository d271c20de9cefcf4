/// The expensive key schedule of bcrypt (Provos & Mazières 1999, "eksblowfish") and its final encryption.
///
/// All state lives in one buffer of 32-bit words, laid out so the hot loops touch one contiguous
/// block and never check bounds or retain anything:
///
///     [0 ..< 18)       P-array
///     [18 ..< 1042)    S-boxes S0 S1 S2 S3, 256 words each
///     [1042 ..< 1060)  the password as 18 key words (cycled, NUL-terminated as in C)
///     [1060 ..< 1064)  the salt as 4 big-endian words
///
/// Non-copyable, so the buffer has exactly one owner; it is zeroed before it is freed.
struct EksBlowfish: ~Copyable {
    private static let pWords = 18
    private static let sOffset = 18
    private static let stateWords = 18 + 1024
    private static let keyOffset = stateWords
    private static let saltOffset = stateWords + 18
    private static let totalWords = saltOffset + 4

    private let words: UnsafeMutablePointer<UInt32>

    /// Sets up P and S from pi, the key words from `password` (at most 72 bytes, no NUL) and the salt words.
    init(password: some Collection<UInt8>, salt: [UInt8], version: BCryptVersion) {
        words = .allocate(capacity: Self.totalWords)
        BlowfishPi.words.withUnsafeBufferPointer { pi in
            words.initialize(from: pi.baseAddress!, count: Self.stateWords)
        }
        (words + Self.stateWords).initialize(repeating: 0, count: Self.totalWords - Self.stateWords)
        for index in 0..<4 {
            words[Self.saltOffset + index] = UInt32(salt[4 * index]) << 24 | UInt32(salt[4 * index + 1]) << 16
                | UInt32(salt[4 * index + 2]) << 8 | UInt32(salt[4 * index + 3])
        }
        setKey(Array(password), version: version)
    }

    deinit {
        words.update(repeating: 0, count: Self.totalWords)
        words.deallocate()
    }

    /// crypt_blowfish's key setup: 18 words from the password bytes followed by a NUL, cycled.
    /// `$2x$` sign-extends bytes >= 0x80 (the old bug); `$2a$` flips one bit of P[0] when that bug
    /// would have produced the same words as the correct code with a harmful sign extension.
    private func setKey(_ password: [UInt8], version: BCryptVersion) {
        var position = 0
        var sign: UInt32 = 0
        var difference: UInt32 = 0
        for wordIndex in 0..<Self.pWords {
            var correct: UInt32 = 0
            var buggy: UInt32 = 0
            for byteIndex in 0..<4 {
                let byte = position < password.count ? password[position] : 0
                correct = correct << 8 | UInt32(byte)
                buggy = buggy << 8 | UInt32(bitPattern: Int32(Int8(bitPattern: byte)))
                if byteIndex != 0 { sign |= buggy & 0x80 }
                position = position < password.count ? position + 1 : 0
            }
            difference |= correct ^ buggy
            let key = version.emulatesSignExtensionBug ? buggy : correct
            words[Self.keyOffset + wordIndex] = key
            words[wordIndex] ^= key
        }
        if version.appliesSafetyCountermeasure {
            difference |= difference >> 16
            difference &= 0xFFFF
            difference &+= 0xFFFF
            sign <<= 9
            sign &= ~difference & 0x10000
            words[0] ^= sign
        }
    }

    // MARK: the hot path

    @inline(__always)
    private func feistel(_ x: UInt32) -> UInt32 {
        let s = words + Self.sOffset
        let a = s[Int(truncatingIfNeeded: x >> 24)]
        let b = s[256 + Int(truncatingIfNeeded: (x >> 16) & 0xFF)]
        let c = s[512 + Int(truncatingIfNeeded: (x >> 8) & 0xFF)]
        let d = s[768 + Int(truncatingIfNeeded: x & 0xFF)]
        return ((a &+ b) ^ c) &+ d
    }

    /// One Blowfish block encryption, 16 rounds unrolled.
    @inline(__always)
    private func encrypt(_ left: inout UInt32, _ right: inout UInt32) {
        let p = words
        var l = left ^ p[0]
        var r = right
        r ^= feistel(l) ^ p[1]
        l ^= feistel(r) ^ p[2]
        r ^= feistel(l) ^ p[3]
        l ^= feistel(r) ^ p[4]
        r ^= feistel(l) ^ p[5]
        l ^= feistel(r) ^ p[6]
        r ^= feistel(l) ^ p[7]
        l ^= feistel(r) ^ p[8]
        r ^= feistel(l) ^ p[9]
        l ^= feistel(r) ^ p[10]
        r ^= feistel(l) ^ p[11]
        l ^= feistel(r) ^ p[12]
        r ^= feistel(l) ^ p[13]
        l ^= feistel(r) ^ p[14]
        r ^= feistel(l) ^ p[15]
        l ^= feistel(r) ^ p[16]
        left = r ^ p[17]
        right = l
    }

    /// Re-keys P and S by encrypting a running block through all 1042 words (no salt mixing).
    @inline(__always)
    private func encryptState() {
        var l: UInt32 = 0
        var r: UInt32 = 0
        var index = 0
        while index < Self.stateWords {
            encrypt(&l, &r)
            words[index] = l
            words[index + 1] = r
            index += 2
        }
    }

    /// The first, salted expansion: the running block is XORed with the salt words, cycling.
    private func expandWithSalt() {
        let salt = words + Self.saltOffset
        var l: UInt32 = 0
        var r: UInt32 = 0
        var index = 0
        while index < Self.stateWords {
            let half = index & 2
            l ^= salt[half]
            r ^= salt[half + 1]
            encrypt(&l, &r)
            words[index] = l
            words[index + 1] = r
            index += 2
        }
    }

    private func xorIntoP(from offset: Int) {
        let source = words + offset
        for index in 0..<Self.pWords { words[index] ^= source[index] }
    }

    private func xorSaltIntoP() {
        let salt = words + Self.saltOffset
        for index in 0..<Self.pWords { words[index] ^= salt[index & 3] }
    }

    /// Runs the 2^cost rounds of alternating key and salt expansion.
    func expensiveKeySchedule(cost: Int) {
        expandWithSalt()
        var rounds = UInt64(1) << UInt64(cost)
        while rounds > 0 {
            xorIntoP(from: Self.keyOffset)
            encryptState()
            xorSaltIntoP()
            encryptState()
            rounds -= 1
        }
    }

    /// Encrypts "OrpheanBeholderScryDoubt" 64 times; returns its first 23 bytes, big-endian.
    func finalDigest() -> [UInt8] {
        let magic: [UInt32] = [0x4F72_7068, 0x6561_6E42, 0x6568_6F6C, 0x6465_7253, 0x6372_7944, 0x6F75_6274]
        var output: [UInt8] = []
        output.reserveCapacity(24)
        var pair = 0
        while pair < 6 {
            var l = magic[pair]
            var r = magic[pair + 1]
            for _ in 0..<64 { encrypt(&l, &r) }
            for word in [l, r] {
                output += [UInt8(truncatingIfNeeded: word >> 24), UInt8(truncatingIfNeeded: word >> 16),
                           UInt8(truncatingIfNeeded: word >> 8), UInt8(truncatingIfNeeded: word)]
            }
            pair += 2
        }
        return Array(output.prefix(23))
    }
}
