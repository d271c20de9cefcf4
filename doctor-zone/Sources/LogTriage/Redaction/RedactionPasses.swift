/// The detectors of `Redactor`, one function each. Each scans bytes and replaces what it finds.
enum RedactionPasses {
    typealias Placeholder = Redactor.Placeholder

    // MARK: helpers

    static func isAlnum(_ c: UInt8) -> Bool { (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) }
    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    static func isHex(_ c: UInt8) -> Bool { isDigit(c) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x66) }
    static func isUpper(_ c: UInt8) -> Bool { c >= 0x41 && c <= 0x5A }
    static func isLower(_ c: UInt8) -> Bool { c >= 0x61 && c <= 0x7A }
    static func isBase64URL(_ c: UInt8) -> Bool { isAlnum(c) || c == 0x2D || c == 0x5F }
    static func isTokenChar(_ c: UInt8) -> Bool { isAlnum(c) || c == 0x2D || c == 0x5F || c == 0x2E || c == 0x7E || c == 0x2B || c == 0x2F || c == 0x3D }
    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
    static func lower(_ c: UInt8) -> UInt8 { isUpper(c) ? c | 0x20 : c }

    /// Applies non-overlapping replacements (sorted by start) and reports whether there were any.
    static func apply(_ b: inout [UInt8], _ replacements: [(Range<Int>, Placeholder)]) -> Bool {
        guard !replacements.isEmpty else { return false }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var cursor = 0
        for (range, placeholder) in replacements where range.lowerBound >= cursor {
            out.append(contentsOf: b[cursor..<range.lowerBound])
            out.append(contentsOf: placeholder.rawValue.utf8)
            cursor = range.upperBound
        }
        out.append(contentsOf: b[cursor...])
        b = out
        return true
    }

    static func hasPrefix(_ b: [UInt8], at i: Int, _ p: String, caseInsensitive: Bool = true) -> Bool {
        var j = i
        for c in p.utf8 {
            guard j < b.count, (caseInsensitive ? lower(b[j]) : b[j]) == c else { return false }
            j += 1
        }
        return true
    }

    static func isPlaceholder(_ b: [UInt8], at i: Int) -> Bool {
        guard i < b.count, b[i] == 0x3C else { return false }
        return Placeholder.allCases.contains { hasPrefix(b, at: i, $0.rawValue, caseInsensitive: false) }
            || hasPrefix(b, at: i, "<*>", caseInsensitive: false)
    }

    // MARK: scheme://user:password@host

    static func urlPasswords(_ b: inout [UInt8]) -> Bool {
        var out: [(Range<Int>, Placeholder)] = []
        var i = 0
        while i + 3 < b.count {
            guard b[i] == 0x3A, b[i + 1] == 0x2F, b[i + 2] == 0x2F else { i += 1; continue }
            var j = i + 3
            var colon: Int?
            while j < b.count, !isSpace(b[j]), b[j] != 0x2F, b[j] != 0x40, b[j] != 0x22, b[j] != 0x27 {
                if b[j] == 0x3A, colon == nil { colon = j }
                j += 1
            }
            if j < b.count, b[j] == 0x40, let c = colon, c + 1 < j, !isPlaceholder(b, at: c + 1) {
                out.append((c + 1..<j, .password))
            }
            i = j
        }
        return apply(&b, out)
    }

    // MARK: Bearer/Basic/Token <credential>

    static func bearerTokens(_ b: inout [UInt8]) -> Bool {
        var out: [(Range<Int>, Placeholder)] = []
        var i = 0
        while i < b.count {
            let c = lower(b[i])
            guard c == 0x62 || c == 0x74, i == 0 || !isAlnum(b[i - 1]) else { i += 1; continue }
            var wordEnd = i
            for word in ["bearer ", "basic ", "token "] where hasPrefix(b, at: i, word) {
                wordEnd = i + word.utf8.count
                break
            }
            guard wordEnd > i else { i += 1; continue }
            var j = wordEnd
            while j < b.count, b[j] == 0x20 { j += 1 }
            let start = j
            while j < b.count, isTokenChar(b[j]) { j += 1 }
            // a credential is long and not a plain word ("token expired")
            let token = b[start..<j]
            if j - start >= 8, !isPlaceholder(b, at: start), token.contains(where: { isDigit($0) || isUpper($0) || $0 == 0x2E || $0 == 0x2D || $0 == 0x5F }) {
                out.append((start..<j, .token))
            }
            i = max(j, i + 1)
        }
        return apply(&b, out)
    }

    // MARK: JWTs: eyJ<header>.<payload>.<signature>

    static func jwts(_ b: inout [UInt8]) -> Bool {
        var out: [(Range<Int>, Placeholder)] = []
        var i = 0
        while i + 3 < b.count {
            guard b[i] == 0x65, b[i + 1] == 0x79, b[i + 2] == 0x4A, i == 0 || !isBase64URL(b[i - 1]) else { i += 1; continue }
            var j = i
            var dots = 0
            while j < b.count, isBase64URL(b[j]) || (b[j] == 0x2E && dots < 2) {
                if b[j] == 0x2E { dots += 1 }
                j += 1
            }
            if dots >= 1, j - i >= 16 { out.append((i..<j, .jwt)) }
            i = j + 1
        }
        return apply(&b, out)
    }

    // MARK: password=…, "api_key": "…", secret: …, Authorization: …

    static let secretKeys = ["password", "passwd", "pwd", "secret", "token", "apikey", "api_key", "api-key",
                             "access_key", "accesskey", "secret_key", "private_key", "privatekey", "authorization",
                             "credential", "credentials", "auth", "session", "sessionid", "cookie", "passphrase",
                             "client_secret", "x-api-key", "signature"]

    /// `key` is a secret key name, or ends in one after `_`, `-` or `.` (or directly, for names of 6+ letters).
    static func isSecretKey(_ key: String) -> Bool {
        let k = Array(key.utf8)
        for name in secretKeyBytes where k.count >= name.count && k.suffix(name.count).elementsEqual(name) {
            if k.count == name.count || name.count >= 6 { return true }
            let before = k[k.count - name.count - 1]
            if before == 0x5F || before == 0x2D || before == 0x2E { return true }
        }
        return false
    }

    static let secretKeyBytes: [[UInt8]] = secretKeys.map { Array($0.utf8) }

    static let secretKeyLastLetters: Set<UInt8> = Set(secretKeys.compactMap { $0.utf8.last })

    static let weakKeys: Set<String> = ["auth", "session", "signature", "credential", "credentials", "cookie", "token", "secret"]

    static func secretAssignments(_ b: inout [UInt8]) -> Bool {
        var out: [(Range<Int>, Placeholder)] = []
        var i = 0
        while i < b.count {
            guard b[i] == 0x3D || b[i] == 0x3A else { i += 1; continue }
            // the key: the word right before `=`/`:`, perhaps in quotes
            var k = i - 1
            if k >= 0, b[k] == 0x22 || b[k] == 0x27 { k -= 1 }
            let keyEnd = k + 1
            while k >= 0, isAlnum(b[k]) || b[k] == 0x5F || b[k] == 0x2D || b[k] == 0x2E { k -= 1 }
            // secret key names are 3…40 bytes: most colons (times, URLs, prose) stop here without allocating
            guard keyEnd - (k + 1) >= 3, keyEnd - (k + 1) <= 40 else { i += 1; continue }
            // `arn:aws:secretsmanager:…:secret:name` is an ARN's resource type, not an assignment
            if k >= 0, b[k] == 0x3A { i += 1; continue }
            // every secret key name ends in one of these letters: most keys are refused before a String is made
            guard secretKeyLastLetters.contains(lower(b[keyEnd - 1])) else { i += 1; continue }
            let key = String(decoding: b[(k + 1)..<max(k + 1, keyEnd)], as: UTF8.self).lowercased()
            // `key: value` with a colon is prose as often as not: only unmistakable key names count
            if b[i] == 0x3A, weakKeys.contains(key) { i += 1; continue }
            guard !key.isEmpty, isSecretKey(key),
                  !key.hasSuffix("_count"), !key.hasSuffix("ttl") else { i += 1; continue }
            var j = i + 1
            // `:` must be a key/value colon (`key: value`, `"key":"value"`), not `http://`
            if b[i] == 0x3A, j < b.count, b[j] == 0x2F { i += 1; continue }
            while j < b.count, b[j] == 0x20 { j += 1 }
            var quote: UInt8?
            if j < b.count, b[j] == 0x22 || b[j] == 0x27 { quote = b[j]; j += 1 }
            let start = j
            if let q = quote {
                while j < b.count, b[j] != q { if b[j] == 0x5C { j += 1 }; j += 1 }
            } else {
                while j < b.count, !isSpace(b[j]), b[j] != 0x2C, b[j] != 0x26, b[j] != 0x3B, b[j] != 0x7D, b[j] != 0x29 { j += 1 }
            }
            j = min(j, b.count)
            // nothing to hide: empty, already a placeholder, or a scheme word (Bearer/Basic) whose credential
            // the bearer pass has replaced
            let value = String(decoding: b[start..<j], as: UTF8.self)
            let skip = value.isEmpty || isPlaceholder(b, at: start) || ["bearer", "basic", "null", "true", "false", "none", "-", "***", "[redacted]", "redacted"].contains(value.lowercased())
            if !skip {
                if let last = out.last, last.0.upperBound > start {} else {
                    out.append((start..<j, key.contains("pass") || key == "pwd" ? .password : .secret))
                }
            }
            i = max(j, i + 1)
        }
        return apply(&b, out)
    }

    // MARK: AWS access key ids: AKIA…/ASIA… + 16 upper-case letters or digits

    static let awsPrefixes = ["AKIA", "ASIA", "AGPA", "AIDA", "AROA", "ANPA", "ANVA", "AIPA", "ABIA", "ACCA"]

    static func awsAccessKeys(_ b: inout [UInt8]) -> Bool {
        var out: [(Range<Int>, Placeholder)] = []
        var i = 0
        while i + 20 <= b.count {
            guard b[i] == 0x41, i == 0 || !isAlnum(b[i - 1]),
                  awsPrefixes.contains(where: { hasPrefix(b, at: i, $0, caseInsensitive: false) }) else { i += 1; continue }
            var j = i + 4
            while j < b.count, isUpper(b[j]) || isDigit(b[j]) { j += 1 }
            if j - i == 20 { out.append((i..<j, .awsKey)) }
            i = j
        }
        return apply(&b, out)
    }

    // MARK: long random-looking strings (AWS secret keys are 40 such characters)

    static func highEntropy(_ b: inout [UInt8]) -> Bool {
        var out: [(Range<Int>, Placeholder)] = []
        var i = 0
        while i < b.count {
            guard isAlnum(b[i]) || b[i] == 0x2B || b[i] == 0x2F else { i += 1; continue }
            var j = i
            var upper = 0, lowerCount = 0, digits = 0
            while j < b.count, isAlnum(b[j]) || b[j] == 0x2B || b[j] == 0x2F || b[j] == 0x5F || b[j] == 0x2D || b[j] == 0x3D {
                if isUpper(b[j]) { upper += 1 } else if isLower(b[j]) { lowerCount += 1 } else if isDigit(b[j]) { digits += 1 }
                j += 1
            }
            let length = j - i
            if length >= 24, upper >= 3, lowerCount >= 3, digits >= 2 || (b[i..<j].contains(0x2B) || b[i..<j].contains(0x2F)) {
                // path-like strings (/usr/lib/…) are not secrets: they have few characters between slashes
                let slashes = b[i..<j].filter { $0 == 0x2F }.count
                if slashes == 0 || length / (slashes + 1) >= 12 {
                    out.append((i..<j, length == 40 ? .awsSecret : .secret))
                }
            }
            i = j + 1
        }
        return apply(&b, out)
    }

    // MARK: e-mail addresses

    static func isEmailLocal(_ c: UInt8) -> Bool { isAlnum(c) || c == 0x2E || c == 0x5F || c == 0x25 || c == 0x2B || c == 0x2D }

    static func emails(_ b: inout [UInt8]) -> Bool {
        var out: [(Range<Int>, Placeholder)] = []
        var i = 0
        while i < b.count {
            guard b[i] == 0x40 else { i += 1; continue }
            var s = i
            while s > 0, isEmailLocal(b[s - 1]) { s -= 1 }
            var e = i + 1
            var lastDot = -1
            while e < b.count, isAlnum(b[e]) || b[e] == 0x2D || b[e] == 0x2E {
                if b[e] == 0x2E { lastDot = e }
                e += 1
            }
            while e > i + 1, b[e - 1] == 0x2E { e -= 1 } // trailing full stop
            if lastDot >= e { lastDot = b[(i + 1)..<e].lastIndex(of: 0x2E) ?? -1 }
            let tld = lastDot > i ? b[(lastDot + 1)..<e] : []
            if s < i, lastDot > i + 1, tld.count >= 2, tld.allSatisfy({ isAlnum($0) && !isDigit($0) }) {
                out.append((s..<e, .email))
            }
            i = max(e, i + 1)
        }
        return apply(&b, out)
    }

    // MARK: card numbers: 13–19 digits (spaces or dashes between groups), a card prefix, Luhn-valid

    static func cardNumbers(_ b: inout [UInt8]) -> Bool {
        var out: [(Range<Int>, Placeholder)] = []
        var i = 0
        while i < b.count {
            guard isDigit(b[i]), i == 0 || (!isAlnum(b[i - 1]) && b[i - 1] != 0x2E) else { i += 1; continue }
            var j = i
            var digits: [UInt8] = []
            var lastDigitEnd = i
            while j < b.count, digits.count <= 19 {
                if isDigit(b[j]) {
                    digits.append(b[j] - 0x30)
                    j += 1
                    lastDigitEnd = j
                } else if (b[j] == 0x20 || b[j] == 0x2D), j + 1 < b.count, isDigit(b[j + 1]) {
                    j += 1
                } else {
                    break
                }
            }
            let followedByWord = lastDigitEnd < b.count && (isAlnum(b[lastDigitEnd]) || b[lastDigitEnd] == 0x2E && lastDigitEnd + 1 < b.count && isDigit(b[lastDigitEnd + 1]))
            if (13...19).contains(digits.count), !followedByWord, (2...6).contains(digits[0]), luhn(digits) {
                out.append((i..<lastDigitEnd, .card))
            }
            i = max(lastDigitEnd, i + 1)
            while i < b.count, isDigit(b[i]) { i += 1 }
        }
        return apply(&b, out)
    }

    static func luhn(_ digits: [UInt8]) -> Bool {
        var sum = 0
        for (n, d) in digits.reversed().enumerated() {
            var v = Int(d)
            if n % 2 == 1 { v *= 2; if v > 9 { v -= 9 } }
            sum += v
        }
        return sum % 10 == 0
    }

    // MARK: IPv4 (the port after it stays)

    static func ipv4(_ b: inout [UInt8]) -> Bool {
        var out: [(Range<Int>, Placeholder)] = []
        var i = 0
        while i < b.count {
            guard isDigit(b[i]), i == 0 || (!isAlnum(b[i - 1]) && b[i - 1] != 0x2E) else { i += 1; continue }
            var j = i
            var parts = 0
            var valid = true
            while parts < 4 {
                var v = 0, n = 0
                while j < b.count, isDigit(b[j]), n < 4 { v = v * 10 + Int(b[j] - 0x30); n += 1; j += 1 }
                if n == 0 || n > 3 || v > 255 { valid = false; break }
                parts += 1
                if parts < 4 {
                    guard j < b.count, b[j] == 0x2E else { valid = false; break }
                    j += 1
                }
            }
            // not a version number like 1.2.3.4.5 or 10.0.0.1a
            if valid, parts == 4, j == b.count || !(isAlnum(b[j]) || (b[j] == 0x2E && j + 1 < b.count && isDigit(b[j + 1]))) {
                out.append((i..<j, .ip))
                i = j
            } else {
                while i < b.count, isDigit(b[i]) || b[i] == 0x2E { i += 1 }
            }
        }
        return apply(&b, out)
    }

    // MARK: IPv6: hex groups and colons, 8 groups or a `::`

    static func ipv6(_ b: inout [UInt8]) -> Bool {
        var out: [(Range<Int>, Placeholder)] = []
        var i = 0
        while i < b.count {
            guard isHex(b[i]) || b[i] == 0x3A, i == 0 || !(isAlnum(b[i - 1]) || b[i - 1] == 0x3A) else { i += 1; continue }
            var j = i
            var colons = 0
            while j < b.count, isHex(b[j]) || b[j] == 0x3A || b[j] == 0x2E {
                if b[j] == 0x3A { colons += 1 }
                j += 1
            }
            // an IPv6 address has at least two colons: most hex-looking words stop here, unallocated
            guard colons >= 2 else { i = max(j, i + 1); continue }
            var candidate = Array(b[i..<j])
            while let last = candidate.last, last == 0x2E { candidate.removeLast() }
            if isIPv6(candidate), j == b.count || !isAlnum(b[j]) {
                out.append((i..<(i + candidate.count), .ip))
            }
            i = max(j, i + 1)
        }
        return apply(&b, out)
    }

    static func isIPv6(_ c: [UInt8]) -> Bool {
        guard c.count >= 2, c.count <= 45 else { return false }
        let text = String(decoding: c, as: UTF8.self)
        let doubleColon = text.components(separatedBy: "::")
        guard doubleColon.count <= 2 else { return false }
        let groups = text.split(separator: ":", omittingEmptySubsequences: true)
        var count = 0
        for (n, g) in groups.enumerated() {
            if g.contains(".") {
                // embedded IPv4 at the end (::ffff:10.0.0.1)
                guard n == groups.count - 1, g.split(separator: ".").count == 4 else { return false }
                count += 2
                continue
            }
            guard g.count <= 4, g.utf8.allSatisfy(isHex) else { return false }
            count += 1
        }
        if doubleColon.count == 2 {
            // `::` alone or with groups; a bare `::` inside text like "a::b" of C++ names has letters past f
            return count <= 7 && (count >= 1 || text == "::") && text != "::" || text == "::1"
        }
        return count == 8
    }
}
