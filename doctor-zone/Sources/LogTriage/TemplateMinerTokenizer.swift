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

/// Splits a line into tokens on whitespace and `|` (a bracketed group that holds separators is
/// one token), classifies each with `MaskingRules` and hashes its constant part, in one pass
/// over the bytes with a byte-class table.
enum TemplateMinerTokenizer {
    static let keyValueSalt: UInt64 = 0x5BD1_E995_1234_5678

    /// Calls `body(start, end, keep, hash)` for each token of `line`; at most `limit` tokens
    /// (the rest of a longer line is one variable token).
    @inline(__always)
    static func forEachToken(_ line: UnsafeRawBufferPointer, limit: Int,
                             _ body: (Int, Int, Int, UInt64) -> Void) {
        guard let base = line.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let count = line.count
        var index = 0
        var produced = 0
        ByteClass.table.withUnsafeBufferPointer { table in
            while true {
                while index < count && table[Int(base[index])] & ByteClass.separator != 0 { index += 1 }
                if index >= count { return }
                let start = index
                produced += 1
                if produced == limit {
                    body(start, count, 0, 0)
                    return
                }
                var end = -1
                let first = base[index]
                // `[IPC Server handler 5]`, `(1.2 KB)`: a group that opens on a word is one token.
                if (first == 0x5B || first == 0x28) && start + 1 < count
                    && table[Int(base[start + 1])] & ByteClass.separator == 0 {
                    end = bracketedGroupEnd(base, count: count, start: start, table: table)
                }
                // Hash: bytes gathered eight at a time into `word`, one multiply per eight bytes.
                var flags: UInt16 = 0
                var hash: UInt64 = 0xCBF2_9CE4_8422_2325
                var word: UInt64 = 0
                var delimiter = -1
                var flagsBeforeDelimiter: UInt16 = 0
                var hashThroughDelimiter: UInt64 = 0
                if end < 0 {
                    while index < count {
                        let byte = base[index]
                        let byteClass = table[Int(byte)]
                        if byteClass & ByteClass.separator != 0 { break }
                        word = word &<< 8 | UInt64(byte)
                        if (index - start) & 7 == 7 {
                            hash = (hash ^ word) &* blockMultiplier
                            word = 0
                        }
                        if byteClass & ByteClass.delimiter != 0 && delimiter < 0 {
                            delimiter = index - start
                            flagsBeforeDelimiter = flags
                            hashThroughDelimiter = finish(hash, word, length: delimiter + 1)
                        }
                        flags |= byteClass
                        index += 1
                    }
                    end = index
                } else {
                    // A bracketed group: classify it as a whole (digits make it a variable).
                    while index < end {
                        let byte = base[index]
                        word = word &<< 8 | UInt64(byte)
                        if (index - start) & 7 == 7 {
                            hash = (hash ^ word) &* blockMultiplier
                            word = 0
                        }
                        flags |= table[Int(byte)]
                        index += 1
                    }
                }
                let keep = MaskingRules.constantPrefixLength(
                    UnsafeRawBufferPointer(start: base + start, count: end - start),
                    flags: flags, delimiter: delimiter, flagsBeforeDelimiter: flagsBeforeDelimiter)
                var tokenHash: UInt64 = 0
                if keep == end - start {
                    tokenHash = mix(finish(hash, word, length: keep))
                } else if keep > 0 {
                    tokenHash = mix(hashThroughDelimiter) ^ keyValueSalt
                }
                body(start, end, keep, tokenHash)
            }
        }
    }

    /// Appends the tokens of `line` to `tokens`.
    static func tokenize(_ line: UnsafeRawBufferPointer, limit: Int, into tokens: inout [MinerToken]) {
        forEachToken(line, limit: limit) { start, end, keep, hash in
            tokens.append(MinerToken(start: Int32(start), end: Int32(end), keep: Int32(keep), hash: hash))
        }
    }

    /// When the group opened at `start` closes within 256 bytes and holds a separator, the end of
    /// the token that contains it (up to the next separator after the close); otherwise -1.
    @inline(__always)
    static func bracketedGroupEnd(_ base: UnsafePointer<UInt8>, count: Int, start: Int,
                                  table: UnsafeBufferPointer<UInt16>) -> Int {
        let open = base[start]
        let close: UInt8 = open == 0x5B ? 0x5D : 0x29
        var depth = 0
        var sawSeparator = false
        var index = start
        let limit = min(count, start + 256)
        while index < limit {
            let byte = base[index]
            if byte == open {
                depth += 1
            } else if byte == close {
                depth -= 1
                if depth == 0 {
                    guard sawSeparator else { return -1 }
                    index += 1
                    while index < count && table[Int(base[index])] & ByteClass.separator == 0 { index += 1 }
                    return index
                }
            } else if byte == 0x0A || byte == 0x0D {
                return -1
            } else if table[Int(byte)] & ByteClass.separator != 0 {
                sawSeparator = true
            }
            index += 1
        }
        return -1
    }

    static let blockMultiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// Folds the last partial block and the length into the running hash.
    @inline(__always)
    static func finish(_ hash: UInt64, _ word: UInt64, length: Int) -> UInt64 {
        ((hash ^ word) &* blockMultiplier) ^ UInt64(truncatingIfNeeded: length)
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

/// Byte classes for the tokenizer and the masking rules (bit flags, one table lookup a byte).
enum ByteClass {
    static let separator: UInt16 = 1 << 0   // space, tab, CR, LF, VT, FF, '|'
    static let digit: UInt16 = 1 << 1
    static let lower: UInt16 = 1 << 2
    static let upper: UInt16 = 1 << 3
    static let identifierPunctuation: UInt16 = 1 << 4   // '_' '-'
    static let dot: UInt16 = 1 << 5
    static let delimiter: UInt16 = 1 << 6   // '=' ':'
    static let slash: UInt16 = 1 << 7
    static let other: UInt16 = 1 << 8

    /// Classes a key (`key=`) may hold.
    static let keyCharacters: UInt16 = lower | upper | identifierPunctuation | dot

    static let table: [UInt16] = (0..<256).map { value -> UInt16 in
        let byte = UInt8(value)
        switch byte {
        case 0x20, 0x09, 0x0D, 0x0A, 0x0B, 0x0C, 0x7C: return separator
        case 0x30...0x39: return digit
        case 0x61...0x7A: return lower
        case 0x41...0x5A: return upper
        case 0x5F, 0x2D: return identifierPunctuation
        case 0x2E: return dot
        case 0x3D, 0x3A: return delimiter
        case 0x2F: return slash
        default: return other
        }
    }
}
