/// The parameters of one bcrypt hash: version, cost and 16-byte salt (`$2b$12$` + 22 salt characters).
public struct BCryptSetting: Sendable, Equatable {
    public let version: BCryptVersion
    public let cost: Int
    public let salt: [UInt8]

    public init(version: BCryptVersion = .b, cost: Int, salt: [UInt8]) throws(BCryptError) {
        guard BCrypt.costRange.contains(cost) else { throw .invalidCost(cost) }
        guard salt.count == BCrypt.saltBytes else { throw .invalidSaltLength(salt.count) }
        self.version = version
        self.cost = cost
        self.salt = salt
    }

    /// A fresh setting with a salt from the system's CSPRNG (getrandom(2) on Linux).
    public static func random(version: BCryptVersion = .b, cost: Int) throws(BCryptError) -> BCryptSetting {
        var generator = SystemRandomNumberGenerator()
        var salt = [UInt8](repeating: 0, count: BCrypt.saltBytes)
        for index in salt.indices { salt[index] = generator.next() }
        return try BCryptSetting(version: version, cost: cost, salt: salt)
    }

    /// Reads a setting (`$2b$12$` + 22 characters, 29 in all) or a whole hash (60 characters; the digest is ignored).
    public init(parsing text: String) throws(BCryptError) {
        let bytes = Array(text.utf8)
        guard bytes.count == BCrypt.settingLength || bytes.count == BCrypt.hashLength else {
            throw .malformedHash(reason: "expected \(BCrypt.settingLength) or \(BCrypt.hashLength) characters, got \(bytes.count)")
        }
        self = try Self.parsePrefix(bytes)
    }

    /// The 29-character text form, salt in canonical radix-64.
    public var encoded: String { String(decoding: encodedBytes, as: UTF8.self) }

    var encodedBytes: [UInt8] {
        var bytes: [UInt8] = [UInt8(ascii: "$"), UInt8(ascii: "2"), version.rawValue, UInt8(ascii: "$")]
        bytes.append(UInt8(ascii: "0") + UInt8(cost / 10))
        bytes.append(UInt8(ascii: "0") + UInt8(cost % 10))
        bytes.append(UInt8(ascii: "$"))
        bytes += Radix64.encode(salt)
        return bytes
    }

    /// Parses the first 29 bytes of `bytes` (the caller checked the length).
    static func parsePrefix(_ bytes: [UInt8]) throws(BCryptError) -> BCryptSetting {
        guard bytes.count >= BCrypt.settingLength,
              bytes[0] == UInt8(ascii: "$"), bytes[1] == UInt8(ascii: "2"), bytes[3] == UInt8(ascii: "$"),
              bytes[6] == UInt8(ascii: "$")
        else { throw .malformedHash(reason: "expected the form $2b$NN$ followed by salt and hash") }
        guard let version = BCryptVersion(rawValue: bytes[2]) else {
            throw .malformedHash(reason: "unknown version; expected $2a$, $2b$, $2x$ or $2y$")
        }
        let digits = bytes[4...5]
        guard digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            throw .malformedHash(reason: "cost is not two digits")
        }
        let cost = Int(bytes[4] - UInt8(ascii: "0")) * 10 + Int(bytes[5] - UInt8(ascii: "0"))
        guard BCrypt.costRange.contains(cost) else {
            throw .malformedHash(reason: "cost \(cost) is outside \(BCrypt.costRange.lowerBound)...\(BCrypt.costRange.upperBound)")
        }
        guard let salt = Radix64.decode(bytes[7..<BCrypt.settingLength], byteCount: BCrypt.saltBytes) else {
            throw .malformedHash(reason: "salt is not in bcrypt's radix-64 alphabet")
        }
        return try BCryptSetting(version: version, cost: cost, salt: salt)
    }
}
