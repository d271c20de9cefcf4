import Foundation

/// Reads the timestamp shapes log lines start with, on raw UTF-8 bytes:
/// ISO 8601 / RFC 3339 (`2026-11-27T17:20:53.123Z`, `2026-11-27 17:20:53,123`, `+00:00`, ` UTC`),
/// Go and nginx error logs (`2026/11/27 17:20:53`), syslog (`Nov 27 17:20:53`, no year),
/// and the Common Log Format of nginx/Apache access logs (`27/Nov/2026:17:20:53 +0000`).
struct TimestampParser: Sendable {
    /// The year given to timestamps that have none (syslog).
    var defaultYear: Int

    init(defaultYear: Int = CivilTime.year(of: Date())) {
        self.defaultYear = defaultYear
    }

    /// Parses a timestamp starting exactly at `start`; returns it and the index just past it.
    func parse(_ b: [UInt8], at start: Int) -> (date: Date, end: Int)? {
        guard start < b.count else { return nil }
        if isDigit(b, start) {
            if let r = parseISO(b, at: start) { return r }
            return parseCommonLog(b, at: start)
        }
        return parseSyslog(b, at: start)
    }

    // MARK: shapes

    private func parseISO(_ b: [UInt8], at s: Int) -> (date: Date, end: Int)? {
        // YYYY-MM-DD or YYYY/MM/DD
        guard let year = number(b, s, 4), s + 10 <= b.count,
              b[s + 4] == 0x2D || b[s + 4] == 0x2F, b[s + 7] == b[s + 4],
              let month = number(b, s + 5, 2), let day = number(b, s + 8, 2) else { return nil }
        var i = s + 10
        // Date only (RDS events list sometimes): not enough to be a log timestamp.
        guard i < b.count, b[i] == 0x54 || b[i] == 0x20 || b[i] == 0x74 else { return nil }
        i += 1
        guard let hour = number(b, i, 2), i + 8 <= b.count, b[i + 2] == 0x3A,
              let minute = number(b, i + 3, 2), b[i + 5] == 0x3A, let second = number(b, i + 6, 2) else { return nil }
        i += 8
        var fraction = 0.0
        if i < b.count, b[i] == 0x2E || b[i] == 0x2C, i + 1 < b.count, isDigit(b, i + 1) {
            i += 1
            var digits = 0, scale = 1.0
            while i < b.count, isDigit(b, i) {
                if scale < 1e9 {
                    digits = digits * 10 + Int(b[i] - 0x30)
                    scale *= 10
                }
                i += 1
            }
            fraction = Double(digits) / scale
        }
        var offset = 0
        if i < b.count {
            if b[i] == 0x5A || b[i] == 0x7A { // Z
                i += 1
            } else if b[i] == 0x2B || b[i] == 0x2D, let (o, e) = parseOffset(b, at: i) {
                offset = o
                i = e
            } else if i + 4 <= b.count, b[i] == 0x20, b[i + 1] == 0x55, b[i + 2] == 0x54, b[i + 3] == 0x43 { // " UTC"
                i += 4
            } else if i + 1 < b.count, b[i] == 0x20, b[i + 1] == 0x2B || b[i + 1] == 0x2D,
                      let (o, e) = parseOffset(b, at: i + 1) {
                offset = o
                i = e
            }
        }
        guard let date = CivilTime.date(year: year, month: month, day: day, hour: hour, minute: minute,
                                        second: second, fraction: fraction, offsetSeconds: offset) else { return nil }
        return (date, i)
    }

    /// `+HH:MM`, `+HHMM` or `+HH`.
    private func parseOffset(_ b: [UInt8], at s: Int) -> (Int, Int)? {
        let sign = b[s] == 0x2D ? -1 : 1
        guard let hh = number(b, s + 1, 2) else { return nil }
        var i = s + 3
        var mm = 0
        if i < b.count, b[i] == 0x3A, let m = number(b, i + 1, 2) {
            mm = m
            i += 3
        } else if let m = number(b, i, 2) {
            mm = m
            i += 2
        }
        return (sign * (hh * 3600 + mm * 60), i)
    }

    /// `Nov 27 17:20:53` or `Nov  7 17:20:53`, optionally followed by ` 2026`.
    private func parseSyslog(_ b: [UInt8], at s: Int) -> (date: Date, end: Int)? {
        guard s + 15 <= b.count, let month = monthNumber(b, s), b[s + 3] == 0x20 else { return nil }
        var i = s + 4
        if b[i] == 0x20 { i += 1 }
        var day = 0
        var digits = 0
        while i < b.count, isDigit(b, i), digits < 2 {
            day = day * 10 + Int(b[i] - 0x30)
            i += 1
            digits += 1
        }
        guard digits > 0, i < b.count, b[i] == 0x20 else { return nil }
        i += 1
        guard let hour = number(b, i, 2), i + 8 <= b.count, b[i + 2] == 0x3A,
              let minute = number(b, i + 3, 2), b[i + 5] == 0x3A, let second = number(b, i + 6, 2) else { return nil }
        i += 8
        var fraction = 0.0
        if i < b.count, b[i] == 0x2E, i + 1 < b.count, isDigit(b, i + 1) {
            i += 1
            var digits = 0, scale = 1.0
            while i < b.count, isDigit(b, i) {
                if scale < 1e9 {
                    digits = digits * 10 + Int(b[i] - 0x30)
                    scale *= 10
                }
                i += 1
            }
            fraction = Double(digits) / scale
        }
        var year = defaultYear
        if i + 5 <= b.count, b[i] == 0x20, let y = number(b, i + 1, 4), i + 5 == b.count || !isDigit(b, i + 5) {
            year = y
            i += 5
        }
        guard let date = CivilTime.date(year: year, month: month, day: day, hour: hour, minute: minute,
                                        second: second, fraction: fraction) else { return nil }
        return (date, i)
    }

    /// `27/Nov/2026:17:20:53 +0000` (Common Log Format).
    private func parseCommonLog(_ b: [UInt8], at s: Int) -> (date: Date, end: Int)? {
        guard s + 20 <= b.count, let day = number(b, s, 2), b[s + 2] == 0x2F, let month = monthNumber(b, s + 3),
              b[s + 6] == 0x2F, let year = number(b, s + 7, 4), b[s + 11] == 0x3A,
              let hour = number(b, s + 12, 2), b[s + 14] == 0x3A, let minute = number(b, s + 15, 2),
              b[s + 17] == 0x3A, let second = number(b, s + 18, 2) else { return nil }
        var i = s + 20
        var offset = 0
        if i + 1 < b.count, b[i] == 0x20, b[i + 1] == 0x2B || b[i + 1] == 0x2D, let (o, e) = parseOffset(b, at: i + 1) {
            offset = o
            i = e
        }
        guard let date = CivilTime.date(year: year, month: month, day: day, hour: hour, minute: minute,
                                        second: second, offsetSeconds: offset) else { return nil }
        return (date, i)
    }

    // MARK: bytes

    private func isDigit(_ b: [UInt8], _ i: Int) -> Bool { i < b.count && b[i] >= 0x30 && b[i] <= 0x39 }

    private func number(_ b: [UInt8], _ s: Int, _ n: Int) -> Int? {
        guard s >= 0, s + n <= b.count else { return nil }
        var v = 0
        for i in s..<(s + n) {
            guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
            v = v * 10 + Int(b[i] - 0x30)
        }
        return v
    }

    private static let months: [[UInt8]] = ["jan", "feb", "mar", "apr", "may", "jun",
                                            "jul", "aug", "sep", "oct", "nov", "dec"].map { Array($0.utf8) }

    private func monthNumber(_ b: [UInt8], _ s: Int) -> Int? {
        guard s + 3 <= b.count else { return nil }
        let l0 = b[s] | 0x20, l1 = b[s + 1] | 0x20, l2 = b[s + 2] | 0x20
        for (index, m) in Self.months.enumerated() where m[0] == l0 && m[1] == l1 && m[2] == l2 {
            return index + 1
        }
        return nil
    }
}
