/// A unified diff between two versions of a file: one hunk around the changed region, three lines
/// of context, as `patch -p1` and `git apply` read it.
public enum UnifiedDiff {
    public static func make(path: String, old: String, new: String, context: Int = 3) -> String {
        let a = lines(old), b = lines(new)
        guard a != b else { return "" }
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let start = max(0, prefix - context)
        let aEnd = min(a.count, a.count - suffix + context)
        let bEnd = min(b.count, b.count - suffix + context)
        // relative paths get git's a/ b/ prefixes (apply with `patch -p1`); absolute ones are used as they are (`-p0`)
        let (oldName, newName) = path.hasPrefix("/") ? (path, path) : ("a/" + path, "b/" + path)
        var out = "--- \(oldName)\n+++ \(newName)\n"
        out += "@@ -\(range(start, aEnd - start)) +\(range(start, bEnd - start)) @@\n"
        for i in start..<prefix { out += " " + a[i] + "\n" }
        for i in prefix..<(a.count - suffix) { out += "-" + a[i] + "\n" }
        for i in prefix..<(b.count - suffix) { out += "+" + b[i] + "\n" }
        for i in (a.count - suffix)..<aEnd { out += " " + a[i] + "\n" }
        return out
    }

    private static func range(_ start: Int, _ count: Int) -> String {
        count == 0 ? "\(start),0" : count == 1 ? "\(start + 1)" : "\(start + 1),\(count)"
    }

    /// Lines without their newline; a trailing newline does not make an empty last line.
    static func lines(_ text: String) -> [String] {
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if parts.last == "" { parts.removeLast() }
        return parts
    }
}
