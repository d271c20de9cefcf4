#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-wise substring search on UTF-8: what `String.contains(String)` means for log text,
/// without Foundation's Unicode-aware (and, per line, costly) comparison.
enum UTF8Search {
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        var haystack = haystack
        var needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in contains(UnsafeRawBufferPointer(h), UnsafeRawBufferPointer(n)) }
        }
    }

    /// `memchr` for the first byte, then a comparison of the rest.
    static func contains(_ h: UnsafeRawBufferPointer, _ n: UnsafeRawBufferPointer) -> Bool {
        guard !n.isEmpty else { return true }
        guard n.count <= h.count, let hb = h.baseAddress, let nb = n.baseAddress else { return false }
        let first = Int32(n[0])
        let last = h.count - n.count // the last start position
        var i = 0
        while i <= last {
            guard let p = memchr(hb + i, first, last - i + 1) else { return false }
            i = hb.distance(to: UnsafeRawPointer(p))
            if memcmp(hb + i, nb, n.count) == 0 { return true }
            i += 1
        }
        return false
    }
}
