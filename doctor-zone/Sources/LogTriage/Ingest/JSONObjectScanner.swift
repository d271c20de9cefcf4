/// A JSON object line, as `JSONLineParser` reads it: the top-level values it looks at (time,
/// level, message, CloudWatch keys) and every scalar flattened to `parent.child` string fields.
struct JSONObjectView: Sendable {
    enum Value: Sendable, Equatable {
        case string(String)
        /// Numbers, and booleans as 1 and 0 (what `JSONSerialization`'s `NSNumber`s give).
        case number(Double)
        /// An object, an array or null.
        case other
    }

    /// Top-level members in input order (distinct keys: see `count`).
    private(set) var top: [(key: String, value: Value)] = []
    /// A one-word Bloom filter of the top-level keys: most lookups are of absent keys and end here.
    private var topShapes: UInt64 = 0
    var fields: [String: String] = [:]
    /// Scalars read but not kept (the scanner was told which keys matter).
    var skipped = 0

    mutating func append(_ key: String, _ value: Value) {
        top.append((key, value))
        topShapes |= 1 << (KeyShape.of(key) & 63)
    }

    mutating func reserveCapacity(_ n: Int) {
        top.reserveCapacity(n)
        fields.reserveCapacity(n)
    }

    subscript(key: String) -> Value? {
        guard topShapes & (1 << (KeyShape.of(key) & 63)) != 0 else { return nil }
        return top.first { $0.key == key }?.value
    }

    /// Top-level keys (distinct: the scanner leaves objects with repeated keys to `JSONSerialization`).
    var count: Int { top.count }
}

/// A cheap hash of a key's length and end bytes, for Bloom-style "surely absent" checks before a
/// real (hashing or comparing) lookup.
enum KeyShape {
    @inline(__always)
    static func of(_ key: String) -> Int {
        var key = key // small keys: a copy on the stack; `utf8.last` is slow on a String view
        return key.withUTF8 { u in
            guard let first = u.first, let last = u.last else { return 0 }
            return (u.count &* 131 &+ Int(first) &* 31 &+ Int(last)) & 1023
        }
    }
}

/// A set of keys kept by shape: the 1024-entry table holds the (one or two) members of each shape,
/// so a lookup is a shape computation and a comparison or two, never a hash.
struct KeySet: Sendable {
    let keys: Set<String>
    private let byShape: [[String]]

    init(_ keys: Set<String>) {
        self.keys = keys
        var byShape = [[String]](repeating: [], count: 1024)
        for key in keys.sorted() { byShape[KeyShape.of(key)].append(key) }
        self.byShape = byShape
    }

    @inline(__always)
    func contains(_ key: String) -> Bool {
        for member in byShape[KeyShape.of(key)] where member == key { return true }
        return false
    }
}

/// The fast path for JSON lines: a byte-level reader of one JSON object that builds a
/// `JSONObjectView` directly, with no `Any` boxing and no `Foundation` parsing. It answers only
/// when it is sure to agree with `JSONSerialization` + `JSONLineParser.flatten`; anything else
/// (arrays, objects nested past three levels, numbers of more than 15 digits, control characters,
/// lone surrogates, invalid UTF-8, malformed or trailing text, too many fields) returns nil and
/// the caller takes the `JSONSerialization` path, which decides.
struct JSONObjectScanner {
    private let b: UnsafeRawBufferPointer
    private var i = 0
    private var scratch: [UInt8] = []
    private var view = JSONObjectView()
    /// Keys whose values are kept (plus every `error…` key); nil keeps all.
    private let keep: KeySet?

    /// Fields beyond this many make `flatten` stop (`JSONLineParser.maxFields * 2`); the fast path leaves
    /// such objects to the slow path, whose choice of fields depends on dictionary order.
    static let fieldLimit = JSONLineParser.maxFields * 2

    private init(_ b: UnsafeRawBufferPointer, keep: KeySet?) {
        self.b = b
        self.keep = keep
        view.reserveCapacity(keep == nil ? 16 : 8)
    }

    /// `keep`: the keys (flattened, `a.b`) whose values the caller reads; the others are checked
    /// but never made into strings. Every top-level key is still listed in `top`.
    static func scan(_ bytes: UnsafeRawBufferPointer, keep: KeySet? = nil) -> JSONObjectView? {
        var scanner = JSONObjectScanner(bytes, keep: keep)
        scanner.skipSpace()
        guard scanner.i < bytes.count, bytes[scanner.i] == 0x7B else { return nil }
        scanner.i += 1
        guard scanner.members(prefix: nil, depth: 0) else { return nil }
        scanner.skipSpace()
        guard scanner.i == bytes.count else { return nil }
        return scanner.view
    }

    static func scan(_ bytes: [UInt8], keep: KeySet? = nil) -> JSONObjectView? {
        bytes.withUnsafeBytes { scan($0, keep: keep) }
    }

    @inline(__always)
    private func keeps(_ key: String) -> Bool {
        guard let keep else { return true }
        if key.utf8.count >= 5 {
            var u = key.utf8.makeIterator()
            if u.next() == 0x65, u.next() == 0x72, u.next() == 0x72, u.next() == 0x6F, u.next() == 0x72 { return true } // error…
        }
        return keep.contains(key)
    }

    // MARK: grammar

    @inline(__always)
    private mutating func skipSpace() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { i += 1 }
    }

    /// The members of an object whose `{` has been read, through its `}`. Members of the top-level
    /// object are at depth 0; an object member at depth < 3 is flattened, deeper ones are not ours.
    private mutating func members(prefix: String?, depth: Int) -> Bool {
        skipSpace()
        if i < b.count, b[i] == 0x7D {
            i += 1
            return true
        }
        var siblings: [String] = [] // names seen in a nested object (top-level ones are in `view.top`)
        while true {
            skipSpace()
            guard i < b.count, b[i] == 0x22, let name = string() else { return false }
            // a repeated key: JSONSerialization keeps the last value, which may hide an earlier object's fields
            if depth == 0 {
                guard view[name] == nil else { return false }
            } else {
                guard !siblings.contains(name) else { return false }
                siblings.append(name)
            }
            skipSpace()
            guard i < b.count, b[i] == 0x3A else { return false }
            i += 1
            skipSpace()
            guard i < b.count else { return false }
            let key = prefix.map { "\($0).\(name)" } ?? name
            guard view.fields.count + view.skipped < Self.fieldLimit else { return false }
            let kept = b[i] == 0x7B || keeps(key)
            if !kept { view.skipped += 1 }
            let value: JSONObjectView.Value
            switch b[i] {
            case 0x22 where !kept:
                guard skipString() else { return false }
                value = .other
            case 0x22:
                guard let s = string() else { return false }
                view.fields[key] = s
                value = .string(s)
            case 0x7B:
                guard depth < 3 else { return false }
                i += 1
                guard members(prefix: key, depth: depth + 1) else { return false }
                value = .other
            case 0x74, 0x66:
                let isTrue = b[i] == 0x74
                guard literal(isTrue ? "true" : "false") else { return false }
                if kept { view.fields[key] = isTrue ? "1" : "0" }
                value = .number(isTrue ? 1 : 0)
            case 0x6E:
                guard literal("null") else { return false }
                if !kept { view.skipped -= 1 } // null is no field either way
                value = .other
            case 0x2D, 0x30...0x39:
                guard let (d, text) = number() else { return false }
                if kept { view.fields[key] = text }
                value = .number(d)
            default:
                return false // arrays, and anything that is not JSON
            }
            if depth == 0 { view.append(name, value) }
            skipSpace()
            guard i < b.count else { return false }
            if b[i] == 0x2C {
                i += 1
            } else if b[i] == 0x7D {
                i += 1
                return true
            } else {
                return false
            }
        }
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= b.count else { return false }
        let p = word.utf8Start
        for k in 0..<n where b[i + k] != p[k] { return false }
        i += n
        return true
    }

    /// A JSON number of at most 15 significant digits: its value and its text as `JSONLineParser.describe` writes it.
    private mutating func number() -> (Double, String)? {
        let start = i
        if b[i] == 0x2D { i += 1 }
        guard i < b.count, isDigit(b[i]) else { return nil }
        var digits = 0
        var integer: Int64 = 0
        if b[i] == 0x30 {
            i += 1
            guard i >= b.count || !isDigit(b[i]) else { return nil } // no leading zeros
        } else {
            while i < b.count, isDigit(b[i]) {
                integer = integer &* 10 &+ Int64(b[i] - 0x30)
                digits += 1
                i += 1
            }
        }
        var plain = true
        if i < b.count, b[i] == 0x2E {
            plain = false
            i += 1
            guard i < b.count, isDigit(b[i]) else { return nil }
            while i < b.count, isDigit(b[i]) { digits += 1; i += 1 }
        }
        if i < b.count, b[i] == 0x65 || b[i] == 0x45 {
            plain = false
            i += 1
            if i < b.count, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
            guard i < b.count, isDigit(b[i]) else { return nil }
            var exponentDigits = 0
            while i < b.count, isDigit(b[i]) { exponentDigits += 1; i += 1 }
            guard exponentDigits <= 3 else { return nil }
        }
        guard digits <= 15 else { return nil }
        let d: Double
        if plain {
            d = Double(b[start] == 0x2D ? -integer : integer)
        } else {
            guard let parsed = Double(String(decoding: UnsafeRawBufferPointer(rebasing: b[start..<i]), as: UTF8.self)),
                  parsed.isFinite else { return nil }
            d = parsed
        }
        return (d, JSONLineParser.describe(d))
    }

    @inline(__always)
    private func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }

    /// Checks a string as `string()` does, without making it (plain ASCII needs no copy).
    private mutating func skipString() -> Bool {
        let open = i
        i += 1
        while i < b.count {
            let c = b[i]
            if c == 0x22 {
                i += 1
                return true
            }
            if c == 0x5C || c < 0x20 || c >= 0x80 { break }
            i += 1
        }
        i = open
        return string() != nil
    }

    /// A string whose opening quote is at `i`; leaves `i` past the closing quote.
    private mutating func string() -> String? {
        i += 1
        let start = i
        var ascii = true
        // the common case: no escapes, read straight from the input
        while i < b.count {
            let c = b[i]
            if c == 0x22 {
                let raw = UnsafeRawBufferPointer(rebasing: b[start..<i])
                i += 1
                return ascii ? String(decoding: raw, as: UTF8.self) : String(validating: raw, as: UTF8.self)
            }
            if c == 0x5C { break }
            if c < 0x20 { return nil }
            if c >= 0x80 { ascii = false }
            i += 1
        }
        guard i < b.count else { return nil }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: b[start..<i]))
        while i < b.count {
            let c = b[i]
            if c == 0x22 {
                i += 1
                return String(validating: scratch, as: UTF8.self)
            }
            if c < 0x20 { return nil }
            if c != 0x5C {
                scratch.append(c)
                i += 1
                continue
            }
            i += 1
            guard i < b.count else { return nil }
            let e = b[i]
            i += 1
            switch e {
            case 0x22, 0x5C, 0x2F: scratch.append(e)
            case 0x62: scratch.append(0x08)
            case 0x66: scratch.append(0x0C)
            case 0x6E: scratch.append(0x0A)
            case 0x72: scratch.append(0x0D)
            case 0x74: scratch.append(0x09)
            case 0x75:
                guard let unit = hex4() else { return nil }
                var scalar = UInt32(unit)
                if (0xD800...0xDBFF).contains(unit) {
                    // a high surrogate must be followed by `\u` and a low one
                    guard i + 1 < b.count, b[i] == 0x5C, b[i + 1] == 0x75 else { return nil }
                    i += 2
                    guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
                    scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(unit) {
                    return nil
                }
                guard let s = Unicode.Scalar(scalar) else { return nil }
                scratch.append(contentsOf: UTF8.encode(s)!)
            default:
                return nil
            }
        }
        return nil
    }

    private mutating func hex4() -> UInt16? {
        guard i + 4 <= b.count else { return nil }
        var v: UInt16 = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: UInt8
            switch c {
            case 0x30...0x39: d = c - 0x30
            case 0x41...0x46: d = c - 0x41 + 10
            case 0x61...0x66: d = c - 0x61 + 10
            default: return nil
            }
            v = v << 4 | UInt16(d)
            i += 1
        }
        return v
    }
}
