import Foundation

/// Input rules of the contract, each failure a 400 `invalid_request` naming its field.
public enum Validation {
    public static let maximumEmailLength = 254
    public static let maximumNameLength = 100
    public static let passwordBytes = 8...72

    private static let localSpecials = Set("!#$%&'*+/=?^_`{|}~.-".utf8)

    /// Trims, checks the syntax (ASCII `local@domain.tld`, no quoted or IP-literal forms),
    /// and lower-cases: the stored and compared form.
    public static func email(_ raw: String) throws(APIError) -> String {
        let email = raw.trimmingASCIIWhitespace().lowercased()
        guard !email.isEmpty else { throw .invalidRequest("email is required", field: "email") }
        guard email.utf8.count <= maximumEmailLength, isValidEmail(email) else {
            throw .invalidRequest("email is not a valid address", field: "email")
        }
        return email
    }

    static func isValidEmail(_ email: String) -> Bool {
        let bytes = Array(email.utf8)
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")), bytes.lastIndex(of: UInt8(ascii: "@")) == at else {
            return false
        }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        guard (1...64).contains(local.count), local.first != UInt8(ascii: "."), local.last != UInt8(ascii: ".") else {
            return false
        }
        var previous: UInt8 = 0
        for byte in local {
            guard isAlphanumeric(byte) || localSpecials.contains(byte) else { return false }
            if byte == UInt8(ascii: "."), previous == UInt8(ascii: ".") { return false }
            previous = byte
        }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard (1...63).contains(label.count), label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-"),
                  label.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "-") })
            else { return false }
        }
        return labels.last.map { $0.count >= 2 && !$0.allSatisfy { (48...57).contains($0) } } ?? false
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (97...122).contains(byte) || (65...90).contains(byte)
    }

    /// 8 to 72 bytes of UTF-8: bcrypt reads 72 bytes, so longer is refused, never cut.
    public static func newPassword(_ password: String) throws(APIError) -> String {
        let count = password.utf8.count
        guard count >= passwordBytes.lowerBound else {
            throw .invalidRequest("password must be at least 8 bytes", field: "password")
        }
        guard count <= passwordBytes.upperBound else {
            throw .invalidRequest("password must be at most 72 bytes of UTF-8", field: "password")
        }
        return password
    }

    /// A login password: present and at most 72 bytes (a short one simply does not match).
    public static func loginPassword(_ password: String) throws(APIError) -> String {
        guard !password.isEmpty else { throw .invalidRequest("password is required", field: "password") }
        guard password.utf8.count <= passwordBytes.upperBound else {
            throw .invalidRequest("password must be at most 72 bytes of UTF-8", field: "password")
        }
        return password
    }

    /// Optional display name: trimmed, empty means none, at most 100 characters, no control characters.
    public static func name(_ raw: String?) throws(APIError) -> String? {
        guard let raw else { return nil }
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { return nil }
        guard name.count <= maximumNameLength else {
            throw .invalidRequest("name must be at most 100 characters", field: "name")
        }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "\u{FFFD}" })
        else {
            throw .invalidRequest("name must not contain control characters", field: "name")
        }
        return name
    }
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        let bytes = Array(utf8)
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        guard let start = bytes.firstIndex(where: { !isSpace($0) }),
              let end = bytes.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(decoding: bytes[start...end], as: UTF8.self)
    }
}
