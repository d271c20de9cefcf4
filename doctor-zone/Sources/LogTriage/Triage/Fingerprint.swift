/// A stable fingerprint from a set of templates: order-independent, text-independent beyond the
/// templates themselves. Two FNV-1a 64-bit hashes (different offsets) → 32 hex digits.
/// Not cryptographic: it is a cache and de-duplication key, and needs no extra dependency.
public enum Fingerprint {
    public static func of(templates: some Sequence<String>) -> String {
        let joined = Set(templates).sorted().joined(separator: "\n")
        return hex(fnv1a(joined, offset: 0xcbf2_9ce4_8422_2325)) + hex(fnv1a(joined, offset: 0x8422_2325_cbf2_9ce4))
    }

    static func fnv1a(_ text: String, offset: UInt64) -> UInt64 {
        var hash = offset
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
