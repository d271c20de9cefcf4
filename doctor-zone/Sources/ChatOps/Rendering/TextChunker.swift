/// Splits text into pieces under a size limit at line boundaries. A line longer than the limit is
/// split with a visible `↩` at each break, so nothing is ever cut silently.
public enum TextChunker {
    public static let continuation = "↩"

    public static func chunks(_ text: String, limit: Int) -> [String] {
        precondition(limit > 8, "limit too small")
        var out: [String] = []
        var current = ""
        func flush() {
            if !current.isEmpty { out.append(current) }
            current = ""
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(line)
            // Hard-wrap an over-long line, marking each break.
            while line.count > limit {
                flush()
                let piece = line.prefix(limit - continuation.count)
                out.append(piece + continuation)
                line = line.dropFirst(piece.count)
            }
            let needed = current.isEmpty ? line.count : current.count + 1 + line.count
            if needed > limit { flush() }
            current += current.isEmpty ? String(line) : "\n" + line
        }
        flush()
        return out.isEmpty ? [""] : out
    }

    /// Shortens a one-line label to `limit` characters with a visible ellipsis.
    public static func clip(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(limit - 1)) + "…"
    }
}
