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
    @inlinable
    public static func constantPrefixLength(_ token: UnsafeRawBufferPointer) -> Int {
        let count = token.count
        if count == 0 { return 0 }
        var hasDigit = false
        var hasSlash = false
        var keyEnd = -1          // index of the first `=` or `:` that ends an identifier key
        var keyIsIdentifier = true
        var index = 0
        while index < count {
            let byte = token[index]
            if byte &- 0x30 < 10 {
                hasDigit = true
                keyIsIdentifier = false
            } else if byte == 0x3D || byte == 0x3A {   // '=' ':'
                if keyEnd < 0 && keyIsIdentifier && index > 0 {
                    keyEnd = index
                }
                keyIsIdentifier = false
            } else if byte == 0x2F {                     // '/'
                hasSlash = true
                keyIsIdentifier = false
            } else if !(isLetter(byte) || byte == 0x5F || byte == 0x2D || byte == 0x2E) {  // letters _ - .
                keyIsIdentifier = false
            }
            index += 1
        }
        if keyEnd > 0 && keyEnd < count - 1 {
            let isEquals = token[keyEnd] == 0x3D
            if isEquals { return keyEnd + 1 }
            // `key:value` only when the value looks like data (holds a digit) and the key has no dot
            // (a dotted key is a host name: `proxy.example.com:8080` is a variable as a whole).
            if hasDigit && !containsDot(token, before: keyEnd) { return keyEnd + 1 }
        }
        if hasDigit { return 0 }
        if hasSlash && looksLikePathOrURL(token) { return 0 }
        if isTimestampWordOrLevel(token) { return 0 }
        return count
    }

    @inlinable
    static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- 0x61 < 26
    }

    @inlinable
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
    @inlinable
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

    @inlinable
    static func isOpeningPunctuation(_ byte: UInt8) -> Bool {
        byte == 0x27 || byte == 0x22 || byte == 0x28 || byte == 0x5B || byte == 0x3C || byte == 0x7B
    }

    @inlinable
    static func isClosingPunctuation(_ byte: UInt8) -> Bool {
        byte == 0x27 || byte == 0x22 || byte == 0x29 || byte == 0x5D || byte == 0x3E || byte == 0x7D
            || byte == 0x2C || byte == 0x3A || byte == 0x3B || byte == 0x2E
    }

    /// Month and weekday names (`Dec`, `DEC`, `December`, `Sun`) and log levels written in
    /// capitals (`INFO`, `WARN`) or in brackets (`[notice]`, `<error>`).
    @inlinable
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
        if WordTables.calendarWords.contains(packed) {
            return firstUpper   // `Dec`, `DEC`, `December`; a lowercase `may`/`sat` is an ordinary word
        }
        if WordTables.levelWords.contains(packed) {
            return allUpper || bracketed
        }
        return false
    }
}

/// Packed lowercase words (5 bits a letter) for fast membership tests on bytes.
@usableFromInline
enum WordTables {
    @usableFromInline
    static func pack(_ word: StaticString) -> UInt64 {
        var packed: UInt64 = 0
        word.withUTF8Buffer { buffer in
            for byte in buffer { packed = packed << 5 | UInt64((byte | 0x20) &- 0x60) }
        }
        return packed
    }

    @usableFromInline
    static let calendarWords: Set<UInt64> = Set([
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "january", "february", "march", "april", "june", "july", "august", "september",
        "october", "november", "december",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ].map(pack))

    @usableFromInline
    static let levelWords: Set<UInt64> = Set([
        "trace", "debug", "info", "information", "notice", "warn", "warning", "error", "err",
        "severe", "fatal", "critical", "crit", "alert", "emerg", "emergency", "fine", "finer",
        "finest", "verbose",
    ].map(pack))
}
