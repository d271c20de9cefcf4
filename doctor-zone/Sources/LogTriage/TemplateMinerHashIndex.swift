/// An open-addressing map from a non-zero 64-bit hash to an `Int32`, for the miner's hot path.
/// Keys are already well-mixed hashes, so the low bits index the table directly.
struct TemplateMinerHashIndex: Sendable {
    private(set) var keys: [UInt64]
    private(set) var values: [Int32]
    private(set) var count = 0
    private var mask: Int

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: -1, count: size)
        mask = size - 1
    }

    @inline(__always)
    static func normalised(_ key: UInt64) -> UInt64 { key == 0 ? 0x9E37_79B9_7F4A_7C15 : key }

    @inline(__always)
    func find(_ rawKey: UInt64) -> Int32? {
        let key = Self.normalised(rawKey)
        return keys.withUnsafeBufferPointer { keys in
            var slot = Int(truncatingIfNeeded: key) & mask
            while true {
                let candidate = keys[slot]
                if candidate == key { return values[slot] }
                if candidate == 0 { return nil }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Sets the value for `key`, inserting it when absent.
    mutating func set(_ rawKey: UInt64, _ value: Int32) {
        if (count + 1) * 4 > keys.count * 3 { grow() }
        let key = Self.normalised(rawKey)
        var slot = Int(truncatingIfNeeded: key) & mask
        while true {
            let candidate = keys[slot]
            if candidate == key { values[slot] = value; return }
            if candidate == 0 {
                keys[slot] = key
                values[slot] = value
                count += 1
                return
            }
            slot = (slot + 1) & mask
        }
    }

    mutating func removeAll() {
        for index in keys.indices { keys[index] = 0 }
        count = 0
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        let size = keys.count * 2
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: -1, count: size)
        mask = size - 1
        count = 0
        for index in oldKeys.indices where oldKeys[index] != 0 {
            set(oldKeys[index], oldValues[index])
        }
    }
}
