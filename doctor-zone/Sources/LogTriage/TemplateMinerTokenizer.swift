/// One token of a log line: its byte range, how much of it is constant, and the hash of that part.
struct MinerToken: Sendable {
    var start: Int32
    var end: Int32
    /// Bytes from `start` that are constant: 0 for a variable, all for a literal, the key for `key=value`.
    var keep: Int32
    /// Hash of the constant bytes (meaningless for a variable).
    var hash: UInt64

    var isVariable: Bool { keep == 0 }
    var isKeyValue: Bool { keep > 0 && keep < end - start }
}

/// Splits a line into tokens on whitespace and `|`, joining a bracketed group that holds
/// separators, and classifies each token with `MaskingRules`.
enum TemplateMinerTokenizer {
    static let keyValueSalt: UInt64 = 0x5BD1_E995_1234_5678

    @inline(__always)
    static func isSeparator(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A || byte == 0x7C || byte == 0x0B || byte == 0x0C
    }

    /// Appends the tokens of `line` to `tokens` (at most `limit`; the rest joins the last one).
    static func tokenize(_ line: UnsafeRawBufferPointer, limit: Int, into tokens: inout [MinerToken]) {
        let count = line.count
        var index = 0
        while index < count {
            while index < count && isSeparator(line[index]) { index += 1 }
            if index >= count { break }
            let start = index
            let first = line[index]
            var end = -1
            if first == 0x5B || first == 0x28 {   // '[' '('
                end = bracketedGroupEnd(line, start: start)
            }
            if end < 0 {
                index += 1
                while index < count && !isSeparator(line[index]) { index += 1 }
                end = index
            }
            if tokens.count == limit {
                // Too many tokens: the rest of the line is one variable token.
                tokens[limit - 1].end = Int32(count)
                tokens[limit - 1].keep = 0
                return
            }
            index = end
            let token = UnsafeRawBufferPointer(rebasing: line[start..<end])
            let keep = MaskingRules.constantPrefixLength(token)
            var hash: UInt64 = 0
            if keep > 0 {
                hash = fnv1a(UnsafeRawBufferPointer(rebasing: token[0..<keep]))
                if keep < token.count { hash ^= keyValueSalt }
            }
            tokens.append(MinerToken(start: Int32(start), end: Int32(end), keep: Int32(keep), hash: hash))
        }
    }

    /// When the group opened at `start` closes within 256 bytes and holds a separator, the end of
    /// the token that contains it (up to the next separator after the close); otherwise -1.
    @inline(__always)
    static func bracketedGroupEnd(_ line: UnsafeRawBufferPointer, start: Int) -> Int {
        let open = line[start]
        let close: UInt8 = open == 0x5B ? 0x5D : 0x29
        var depth = 0
        var sawSeparator = false
        var index = start
        let limit = min(line.count, start + 256)
        while index < limit {
            let byte = line[index]
            if byte == open {
                depth += 1
            } else if byte == close {
                depth -= 1
                if depth == 0 {
                    guard sawSeparator else { return -1 }
                    index += 1
                    while index < line.count && !isSeparator(line[index]) { index += 1 }
                    return index
                }
            } else if byte == 0x0A || byte == 0x0D {
                return -1
            } else if isSeparator(byte) {
                sawSeparator = true
            }
            index += 1
        }
        return -1
    }

    @inline(__always)
    static func fnv1a(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return mix(hash)
    }

    /// A 64-bit finaliser (from MurmurHash3) so that sums and products of hashes stay spread.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x &*= 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }
}
