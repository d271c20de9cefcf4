/// A set of lower-case ASCII keywords searched for, ignoring ASCII case, anywhere in UTF-8 text:
/// one pass over the text, a table lookup per byte, a comparison only where a keyword can start.
/// (Foundation's `lowercased().contains` per keyword was a third of `doctor diagnose`'s time.)
struct ASCIIKeywords: Sendable {
    private let keywords: [[UInt8]]
    /// First byte (lower case) → indices into `keywords`.
    private let byFirst: [[Int]]

    init(_ words: [String]) {
        keywords = words.map { Array($0.lowercased().utf8) }
        var table = [[Int]](repeating: [], count: 256)
        for (n, word) in keywords.enumerated() where !word.isEmpty { table[Int(word[0])].append(n) }
        byFirst = table
    }

    @inline(__always)
    static func lower(_ c: UInt8) -> UInt8 { c &- 0x41 < 26 ? c | 0x20 : c }

    /// Whether any keyword occurs in `text`.
    func occurs(in text: String) -> Bool {
        var text = text
        return text.withUTF8 { occurs(in: UnsafeRawBufferPointer($0)) }
    }

    func occurs(in b: UnsafeRawBufferPointer) -> Bool {
        let n = b.count
        var i = 0
        while i < n {
            let candidates = byFirst[Int(Self.lower(b[i]))]
            if !candidates.isEmpty {
                for k in candidates where Self.matches(keywords[k], b, at: i) { return true }
            }
            i += 1
        }
        return false
    }

    @inline(__always)
    private static func matches(_ word: [UInt8], _ b: UnsafeRawBufferPointer, at i: Int) -> Bool {
        guard i + word.count <= b.count else { return false }
        var j = 1
        while j < word.count {
            if lower(b[i + j]) != word[j] { return false }
            j += 1
        }
        return true
    }
}
