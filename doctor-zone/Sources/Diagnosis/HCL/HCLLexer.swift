/// Tokens of HCL's native syntax, with byte offsets into the source so edits keep the file's style.
struct HCLToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case identifier, number, string, heredoc, newline, eof
        case punct(String)
    }
    var kind: Kind
    var text: String
    var start: Int
    var end: Int
    var line: Int
}

public struct HCLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var line: Int
    public var description: String { "line \(line): \(message)" }
}

/// Splits HCL into tokens: identifiers, numbers, quoted strings (with `${…}`/`%{…}` templates),
/// heredocs (`<<EOT`, `<<-EOT`), punctuation; comments (`#`, `//`, `/* */`) are dropped.
struct HCLLexer {
    let b: [UInt8]
    var i = 0
    var line = 1

    init(_ text: String) { b = Array(text.utf8) }

    mutating func tokens() throws(HCLError) -> [HCLToken] {
        var out: [HCLToken] = []
        while true {
            let t = try next()
            out.append(t)
            if t.kind == .eof { return out }
        }
    }

    private static let twoChar: Set<String> = ["==", "!=", "<=", ">=", "&&", "||", "=>", "..."]

    mutating func next() throws(HCLError) -> HCLToken {
        skipSpaceAndComments()
        guard i < b.count else { return HCLToken(kind: .eof, text: "", start: i, end: i, line: line) }
        let start = i
        let c = b[i]
        if c == 0x0A {
            i += 1
            line += 1
            return HCLToken(kind: .newline, text: "\n", start: start, end: i, line: line - 1)
        }
        if isIdentStart(c) {
            while i < b.count, isIdentChar(b[i]) { i += 1 }
            return token(.identifier, start)
        }
        if c >= 0x30 && c <= 0x39 {
            while i < b.count, (b[i] >= 0x30 && b[i] <= 0x39) || b[i] == 0x2E || b[i] == 0x65 || b[i] == 0x45
                || ((b[i] == 0x2B || b[i] == 0x2D) && (b[i - 1] == 0x65 || b[i - 1] == 0x45)) {
                if b[i] == 0x2E, !(i + 1 < b.count && b[i + 1] >= 0x30 && b[i + 1] <= 0x39) { break }
                i += 1
            }
            return token(.number, start)
        }
        if c == 0x22 { return try string(start) }
        if c == 0x3C, i + 2 < b.count, b[i + 1] == 0x3C, isIdentStart(b[i + 2]) || b[i + 2] == 0x2D {
            return try heredoc(start)
        }
        if i + 2 < b.count, b[i] == 0x2E, b[i + 1] == 0x2E, b[i + 2] == 0x2E {
            i += 3
            return token(.punct("..."), start)
        }
        if i + 1 < b.count {
            let two = String(decoding: b[i...(i + 1)], as: UTF8.self)
            if Self.twoChar.contains(two) {
                i += 2
                return token(.punct(two), start)
            }
        }
        let single = String(decoding: [c], as: UTF8.self)
        guard "{}[]()=,.:?!*/%+-<>".contains(single) else {
            throw HCLError(message: "unexpected character \(single.debugDescription)", line: line)
        }
        i += 1
        return token(.punct(single), start)
    }

    private func token(_ kind: HCLToken.Kind, _ start: Int) -> HCLToken {
        HCLToken(kind: kind, text: String(decoding: b[start..<i], as: UTF8.self), start: start, end: i, line: line)
    }

    private func isIdentStart(_ c: UInt8) -> Bool { (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == 0x5F || c >= 0x80 }
    private func isIdentChar(_ c: UInt8) -> Bool { isIdentStart(c) || (c >= 0x30 && c <= 0x39) || c == 0x2D }

    private mutating func skipSpaceAndComments() {
        while i < b.count {
            let c = b[i]
            if c == 0x20 || c == 0x09 || c == 0x0D {
                i += 1
            } else if c == 0x23 || (c == 0x2F && i + 1 < b.count && b[i + 1] == 0x2F) {
                while i < b.count, b[i] != 0x0A { i += 1 }
            } else if c == 0x2F, i + 1 < b.count, b[i + 1] == 0x2A {
                i += 2
                while i + 1 < b.count, !(b[i] == 0x2A && b[i + 1] == 0x2F) {
                    if b[i] == 0x0A { line += 1 }
                    i += 1
                }
                i = min(b.count, i + 2)
            } else {
                return
            }
        }
    }

    /// `"…"` with escapes and nested `${ … }` / `%{ … }` (which may contain strings themselves).
    private mutating func string(_ start: Int) throws(HCLError) -> HCLToken {
        i += 1
        var depth = 0
        var innerQuote = false
        while i < b.count {
            let c = b[i]
            if c == 0x0A, depth == 0 { throw HCLError(message: "unterminated string", line: line) }
            if c == 0x5C { i += 2; continue }
            if depth == 0 {
                if c == 0x22 { i += 1; return token(.string, start) }
                if (c == 0x24 || c == 0x25), i + 1 < b.count, b[i + 1] == 0x7B {
                    if i + 2 < b.count, b[i + 2] == 0x7B { i += 1 } // `$${` is an escape... treat `${{` literally
                    depth = 1
                    i += 2
                    continue
                }
            } else {
                if c == 0x22 { innerQuote.toggle() }
                if !innerQuote {
                    if c == 0x7B { depth += 1 }
                    if c == 0x7D { depth -= 1 }
                }
                if c == 0x0A { line += 1 }
            }
            i += 1
        }
        throw HCLError(message: "unterminated string", line: line)
    }

    private mutating func heredoc(_ start: Int) throws(HCLError) -> HCLToken {
        i += 2
        if b[i] == 0x2D { i += 1 }
        let markerStart = i
        while i < b.count, isIdentChar(b[i]) { i += 1 }
        let marker = Array(b[markerStart..<i])
        guard !marker.isEmpty, i < b.count, b[i] == 0x0A || b[i] == 0x0D else {
            throw HCLError(message: "bad heredoc opener", line: line)
        }
        while i < b.count, b[i] != 0x0A { i += 1 }
        while i < b.count {
            i += 1 // past newline
            line += 1
            var s = i
            while s < b.count, b[s] == 0x20 || b[s] == 0x09 { s += 1 }
            var e = s
            while e < b.count, b[e] != 0x0A, b[e] != 0x0D { e += 1 }
            if Array(b[s..<e]) == marker {
                i = e
                return token(.heredoc, start)
            }
            i = e
        }
        throw HCLError(message: "unterminated heredoc", line: line)
    }
}
