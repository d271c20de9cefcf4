/// Byte-level rules that decide which parts of a log token are variables.
///
/// One set of rules for every log format: no per-source regular expressions. A token is the
/// text between separators (whitespace and `|`); a bracketed group that holds spaces
/// (`[IPC Server handler 5 on 8020]`, `(1.2 KB)`) is one token.
///
/// A token is
/// - **variable** when it holds a digit (numbers, hex, ids, IPs, UUIDs, durations, timestamps,
///   paths with numbers, host:port), when it is a month or weekday name (timestamp parts), a
///   log-level word in capitals or brackets (`INFO`, `[error]`: the level is not the event),
///   or a path or URL;
/// - **key/value** (`user=alice`, `totalSteps=1234`, `onExtend:151403`): the key and its
///   delimiter stay, the value is a variable (`user=<*>`); `:` counts as a delimiter only
///   when the value holds a digit;
/// - **literal** otherwise.
public enum MaskingRules {
    /// How much of a token is constant: `0` for a variable, the key length (through `=` or `:`)
    /// for a key/value token, the whole length for a literal.
    public static func constantPrefixLength(_ token: UnsafeRawBufferPointer) -> Int {
        var flags: UInt16 = 0
        var delimiter = -1
        var flagsBeforeDelimiter: UInt16 = 0
        for (index, byte) in token.enumerated() {
            let byteClass = ByteClass.table[Int(byte)]
            if byteClass & ByteClass.delimiter != 0 && delimiter < 0 {
                delimiter = index
                flagsBeforeDelimiter = flags
            }
            flags |= byteClass
        }
        return constantPrefixLength(token, flags: flags, delimiter: delimiter, flagsBeforeDelimiter: flagsBeforeDelimiter)
    }

    /// The same, from what the tokenizer gathered in its pass: the union of the byte classes,
    /// the offset of the first `=`/`:` (or -1) and the classes before it.
    @inline(__always)
    static func constantPrefixLength(_ token: UnsafeRawBufferPointer, flags: UInt16, delimiter: Int,
                                     flagsBeforeDelimiter: UInt16) -> Int {
        let count = token.count
        let hasDigit = flags & ByteClass.digit != 0
        if delimiter > 0 && delimiter < count - 1 && flagsBeforeDelimiter & ~ByteClass.keyCharacters == 0 {
            if token[delimiter] == 0x3D { return delimiter + 1 }
            // `key:value` only when the value looks like data (holds a digit) and the key has no dot
            // (a dotted key is a host name: `proxy.example.com:8080` is a variable as a whole).
            if hasDigit && flagsBeforeDelimiter & ByteClass.dot == 0 { return delimiter + 1 }
        }
        if hasDigit { return 0 }
        // An empty pair (`()`, `[]`, `""`) is an empty value.
        if count == 2 && isEmptyPair(token[0], token[1]) { return 0 }
        if flags & ByteClass.slash != 0 && looksLikePathOrURL(token) { return 0 }
        // Calendar words start with a capital, levels are in capitals or brackets: a lowercase
        // word (the common case) needs no table lookup.
        if count >= 3 && count <= 15 && (flags & ByteClass.upper != 0 || isOpeningPunctuation(token[0]))
            && isTimestampWordOrLevel(token) { return 0 }
        return count
    }

    /// Letters only, perhaps followed by closing punctuation (`failed`, `Exception:`, `done.`),
    /// or punctuation only (`-`, `****`): more often part of the event than a value.
    public static func isPlainWord(_ token: UnsafeRawBufferPointer) -> Bool {
        var end = token.count
        while end > 0, isClosingPunctuation(token[end - 1]) { end -= 1 }
        var letters = 0
        for index in 0..<end {
            let byte = token[index]
            if isLetter(byte) {
                letters += 1
            } else if byte &- 0x30 < 10 || byte >= 0x80 || letters > 0 {
                return false   // a digit, a non-ASCII byte, or punctuation after a letter
            }
        }
        return letters == end || letters == 0
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- 0x61 < 26
    }

    static func containsDot(_ token: UnsafeRawBufferPointer, before end: Int) -> Bool {
        var index = 0
        while index < end {
            if token[index] == 0x2E { return true }
            index += 1
        }
        return false
    }

    /// `/usr/lib/x`, `./run.sh`, `~/x`, `'/udev/x'`, `http://host/x` — a slash-separated name
    /// that starts like a path (after quotes or brackets).
    static func looksLikePathOrURL(_ token: UnsafeRawBufferPointer) -> Bool {
        var start = 0
        while start < token.count, isOpeningPunctuation(token[start]) { start += 1 }
        guard start < token.count - 1 else { return false }
        let first = token[start]
        if first == 0x2F { return true }                                        // '/'
        if (first == 0x2E || first == 0x7E), token[start + 1] == 0x2F { return true }  // './' '~/'
        // scheme://
        var index = start
        while index + 2 < token.count {
            if token[index] == 0x3A && token[index + 1] == 0x2F && token[index + 2] == 0x2F { return index > start }
            if !isLetter(token[index]) { return false }
            index += 1
        }
        return false
    }

    static func isEmptyPair(_ open: UInt8, _ close: UInt8) -> Bool {
        switch (open, close) {
        case (0x28, 0x29), (0x5B, 0x5D), (0x7B, 0x7D), (0x3C, 0x3E), (0x22, 0x22), (0x27, 0x27): return true
        default: return false
        }
    }

    static func isOpeningPunctuation(_ byte: UInt8) -> Bool {
        byte == 0x27 || byte == 0x22 || byte == 0x28 || byte == 0x5B || byte == 0x3C || byte == 0x7B
    }

    static func isClosingPunctuation(_ byte: UInt8) -> Bool {
        byte == 0x27 || byte == 0x22 || byte == 0x29 || byte == 0x5D || byte == 0x3E || byte == 0x7D
            || byte == 0x2C || byte == 0x3A || byte == 0x3B || byte == 0x2E
    }

    /// Month and weekday names (`Dec`, `DEC`, `December`, `Sun`) and log levels written in
    /// capitals (`INFO`, `WARN`) or in brackets (`[notice]`, `<error>`).
    static func isTimestampWordOrLevel(_ token: UnsafeRawBufferPointer) -> Bool {
        var start = 0
        var end = token.count
        var bracketed = false
        while start < end, isOpeningPunctuation(token[start]) { start += 1; bracketed = true }
        while end > start, isClosingPunctuation(token[end - 1]) { end -= 1 }
        let length = end - start
        guard length >= 3 && length <= 11 else { return false }
        // Pack the lowercased word into an integer (at most 11 letters → 55 bits with 5 bits each).
        var packed: UInt64 = 0
        var allUpper = true
        var index = start
        while index < end {
            let byte = token[index]
            guard isLetter(byte) else { return false }
            if byte >= 0x61 { allUpper = false }
            packed = packed << 5 | UInt64((byte | 0x20) &- 0x60)
            index += 1
        }
        let firstUpper = token[start] < 0x61
        switch WordTables.kind(of: packed) {
        case .calendar: return firstUpper   // `Dec`, `DEC`, `December`; a lowercase `may`/`sat` is an ordinary word
        case .level: return allUpper || bracketed
        case .none: return false
        }
    }
}

/// Packed lowercase words (5 bits a letter) in a small open-addressing table, for fast
/// membership tests on bytes.
enum WordTables {
    enum Kind: UInt8, Sendable { case none, calendar, level }

    static func pack(_ word: String) -> UInt64 {
        var packed: UInt64 = 0
        for byte in word.utf8 { packed = packed << 5 | UInt64((byte | 0x20) &- 0x60) }
        return packed
    }

    static let calendarWords = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "january", "february", "march", "april", "june", "july", "august", "september",
        "october", "november", "december",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ]

    static let levelWords = [
        "trace", "debug", "info", "information", "notice", "warn", "warning", "error", "err",
        "severe", "fatal", "critical", "crit", "alert", "emerg", "emergency", "fine", "finer",
        "finest", "verbose",
    ]

    static let slotBits = 8

    @inline(__always)
    static func slot(_ packed: UInt64) -> Int {
        Int(truncatingIfNeeded: (packed &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - slotBits))
    }

    /// Keys (packed words, 0 = empty) and kinds, 256 slots.
    static let table: (keys: [UInt64], kinds: [Kind]) = {
        var keys = [UInt64](repeating: 0, count: 1 << slotBits)
        var kinds = [Kind](repeating: .none, count: 1 << slotBits)
        let words = calendarWords.map { ($0, Kind.calendar) } + levelWords.map { ($0, Kind.level) }
        for (word, kind) in words {
            let packed = pack(word)
            var index = slot(packed)
            while keys[index] != 0 && keys[index] != packed { index = (index + 1) & ((1 << slotBits) - 1) }
            keys[index] = packed
            kinds[index] = kind
        }
        return (keys, kinds)
    }()

    static func kind(of packed: UInt64) -> Kind {
        let table = Self.table
        var index = slot(packed)
        while true {
            let key = table.keys[index]
            if key == packed { return table.kinds[index] }
            if key == 0 { return .none }
            index = (index + 1) & ((1 << slotBits) - 1)
        }
    }
}
