import Crypto
import Foundation

/// Opaque bearer tokens: 256 random bits, base64url (43 characters). Only their SHA-256 is stored,
/// so a database leak yields no usable token; revocation is a row update.
public enum SessionToken {
    public static let length = 43

    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        // Four 64-bit draws (one getrandom each), not 32 single-byte ones.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for _ in 0..<4 { withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) } }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public static func hash(_ token: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(token.utf8)))
    }

    /// The token of an `Authorization: Bearer <token>` header, when it has the right shape.
    public static func bearer(from header: String?) -> String? {
        guard let header else { return nil }
        if let token = exactBearer(header) { return token }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        guard token.utf8.count == length, token.utf8.allSatisfy(isTokenByte) else { return nil }
        return token
    }

    /// The common exact form `Bearer <token>` without splitting or trimming (same answer as the general path).
    private static func exactBearer(_ header: String) -> String? {
        let bytes = header.utf8
        guard bytes.count == 7 + length else { return nil }
        var index = bytes.startIndex
        for expected in "bearer ".utf8 {
            let byte = bytes[index]
            guard byte == expected || (byte >= 65 && byte <= 90 && byte + 32 == expected) else { return nil }
            index = bytes.index(after: index)
        }
        guard bytes[index...].allSatisfy(isTokenByte) else { return nil }
        return String(header.utf8[index...])
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }
}
