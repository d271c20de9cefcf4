import Synchronization

/// Request ids for requests that arrive without an `X-Request-Id`: UUID-shaped (8-4-4-4-12 hex digits),
/// unique within the process and different between processes, with no system call per request
/// (Foundation's `UUID()` opens, reads and closes `/dev/urandom` on every call on Linux).
/// A counter goes through splitmix64 keyed by 128 random bits chosen at start: a bijection of the
/// counter, so ids never repeat while the counter does not wrap.
final class RequestIDGenerator: Sendable {
    private let counter = Atomic<UInt64>(0)
    private let keys: (UInt64, UInt64)

    init() {
        var random = SystemRandomNumberGenerator()
        keys = (random.next(), random.next())
    }

    func next() -> String {
        let count = counter.wrappingAdd(1, ordering: .relaxed).newValue
        let high = Self.mix(count ^ keys.0)
        let low = Self.mix(count &+ keys.1)
        return Self.format(high: high, low: low)
    }

    /// splitmix64's finaliser: a bijection on UInt64.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, lower-case hex, high half first.
    static func format(high: UInt64, low: UInt64) -> String {
        String(unsafeUninitializedCapacity: 36) { buffer in
            let digits: StaticString = "0123456789abcdef"
            var position = 0
            func put(_ value: UInt64, nibbles: Int) {
                for shift in stride(from: (nibbles - 1) * 4, through: 0, by: -4) {
                    buffer[position] = digits.utf8Start[Int((value >> UInt64(shift)) & 0xF)]
                    position += 1
                }
            }
            func dash() {
                buffer[position] = UInt8(ascii: "-")
                position += 1
            }
            put(high >> 32, nibbles: 8)
            dash()
            put(high >> 16, nibbles: 4)
            dash()
            put(high, nibbles: 4)
            dash()
            put(low >> 48, nibbles: 4)
            dash()
            put(low, nibbles: 12)
            return position
        }
    }
}
