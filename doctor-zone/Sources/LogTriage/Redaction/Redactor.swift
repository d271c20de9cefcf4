/// Replaces secrets and personal data in log text with typed placeholders, so nothing sensitive
/// leaves the process and templates still group (`<EMAIL>` is one token for every address).
///
/// Hand-written byte scanners rather than regular expressions: this runs on every line of a
/// 1 GB log, and each detector first checks for the byte that must be present (`@`, `.`, `:`, …).
public struct Redactor: Sendable {
    public struct Options: Sendable, Hashable {
        public var emails = true
        public var ipAddresses = true
        public var cardNumbers = true
        /// Long mixed-case random-looking strings (API keys, session ids).
        public var highEntropyStrings = true

        public init(emails: Bool = true, ipAddresses: Bool = true, cardNumbers: Bool = true, highEntropyStrings: Bool = true) {
            self.emails = emails
            self.ipAddresses = ipAddresses
            self.cardNumbers = cardNumbers
            self.highEntropyStrings = highEntropyStrings
        }
    }

    public enum Placeholder: String, Sendable, CaseIterable {
        case email = "<EMAIL>"
        case awsKey = "<AWS_KEY>"
        case awsSecret = "<AWS_SECRET>"
        case jwt = "<JWT>"
        case token = "<TOKEN>"
        case password = "<PASSWORD>"
        case secret = "<SECRET>"
        case ip = "<IP>"
        case card = "<CARD>"
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    public func redact(_ text: String) -> String {
        var bytes = Array(text.utf8)
        guard redact(&bytes) else { return text }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Redacts in place; returns whether anything changed.
    @discardableResult
    public func redact(_ bytes: inout [UInt8]) -> Bool {
        var changed = false
        var has = ByteSet(bytes)
        func run(_ pass: (inout [UInt8]) -> Bool) {
            if pass(&bytes) {
                changed = true
                has = ByteSet(bytes)
            }
        }
        if has.colonSlashSlash { run(RedactionPasses.urlPasswords) }
        if has.eyJ { run(RedactionPasses.jwts) }
        if has.letters { run(RedactionPasses.bearerTokens) }
        if has.equalsOrColon { run(RedactionPasses.secretAssignments) }
        if has.upper { run(RedactionPasses.awsAccessKeys) }
        if options.highEntropyStrings, has.upper { run(RedactionPasses.highEntropy) }
        if options.emails, has.at { run(RedactionPasses.emails) }
        if options.cardNumbers, has.digits >= 13 { run(RedactionPasses.cardNumbers) }
        if options.ipAddresses, has.dot, has.digits >= 4 { run(RedactionPasses.ipv4) }
        if options.ipAddresses, has.colonCount >= 2 { run(RedactionPasses.ipv6) }
        return changed
    }
}

/// Cheap facts about a buffer that tell which passes can possibly match.
struct ByteSet {
    var at = false, dot = false, upper = false, letters = false, eyJ = false, equalsOrColon = false
    var colonSlashSlash = false
    var digits = 0, colonCount = 0

    init(_ b: [UInt8]) {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            switch c {
            case 0x40: at = true
            case 0x2E: dot = true
            case 0x3D: equalsOrColon = true
            case 0x3A:
                equalsOrColon = true
                colonCount += 1
                if i + 2 < n, b[i + 1] == 0x2F, b[i + 2] == 0x2F { colonSlashSlash = true }
            case 0x30...0x39: digits += 1
            case 0x41...0x5A: upper = true; letters = true
            case 0x61...0x7A:
                letters = true
                if c == 0x65, i + 2 < n, b[i + 1] == 0x79, b[i + 2] == 0x4A { eyJ = true }
            default: break
            }
            i += 1
        }
    }
}
