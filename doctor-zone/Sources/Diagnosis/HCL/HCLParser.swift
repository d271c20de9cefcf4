/// Parses HCL's native syntax (Terraform files) into blocks and attributes with source ranges.
/// Expressions are checked for shape (literals, templates, references, function calls, lists,
/// objects, `for` expressions, operators, conditionals) but not evaluated: enough to know a snippet
/// is well-formed before it is shown, and to find and edit resources in place.
public struct HCLParser: Sendable {
    public init() {}

    public func parse(_ text: String) throws(HCLError) -> HCLBody {
        var lexer = HCLLexer(text)
        var state = State(tokens: try lexer.tokens(), source: Array(text.utf8))
        let body = try state.body(nested: false)
        return body
    }

    /// True when `text` parses; the error otherwise.
    public func validate(_ text: String) -> HCLError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    struct State {
        let tokens: [HCLToken]
        let source: [UInt8]
        var p = 0
        /// Depth of brackets in which newlines do not end an expression.
        var nesting = 0
        var lastEnd = 0

        init(tokens: [HCLToken], source: [UInt8]) {
            self.tokens = tokens
            self.source = source
        }

        var current: HCLToken {
            var q = p
            if nesting > 0 { while tokens[q].kind == .newline { q += 1 } }
            return tokens[q]
        }

        mutating func advance() -> HCLToken {
            if nesting > 0 { while tokens[p].kind == .newline { p += 1 } }
            let t = tokens[p]
            if t.kind != .eof { p += 1 }
            lastEnd = t.end
            return t
        }

        func isPunct(_ s: String) -> Bool { current.kind == .punct(s) }

        mutating func expect(_ s: String) throws(HCLError) {
            guard isPunct(s) else { throw fail("expected '\(s)', found \(describe(current))") }
            _ = advance()
        }

        func fail(_ message: String) -> HCLError { HCLError(message: message, line: current.line) }

        func describe(_ t: HCLToken) -> String {
            switch t.kind {
            case .eof: "end of input"
            case .newline: "end of line"
            default: "'\(t.text)'"
            }
        }

        mutating func skipNewlines() {
            while tokens[p].kind == .newline { p += 1 }
        }

        // MARK: bodies

        mutating func body(nested: Bool) throws(HCLError) -> HCLBody {
            var body = HCLBody()
            let saved = nesting
            nesting = 0
            defer { nesting = saved }
            while true {
                skipNewlines()
                let t = tokens[p]
                if t.kind == .eof {
                    if nested { throw fail("missing '}'") }
                    return body
                }
                if t.kind == .punct("}") {
                    if nested { return body }
                    throw fail("unexpected '}'")
                }
                guard t.kind == .identifier else { throw fail("expected an attribute or block, found \(describe(t))") }
                _ = advance()
                if isPunct("=") {
                    _ = advance()
                    let valueStart = current.start
                    try expression()
                    body.attributes.append(HCLAttribute(
                        name: t.text, valueText: text(valueStart, lastEnd), valueRange: valueStart..<lastEnd,
                        range: t.start..<lastEnd, line: t.line))
                } else {
                    var labels: [String] = []
                    while current.kind == .string || current.kind == .identifier {
                        let label = advance()
                        labels.append(label.kind == .string ? String(label.text.dropFirst().dropLast()) : label.text)
                    }
                    guard isPunct("{") else { throw fail("expected '=' or '{' after '\(t.text)', found \(describe(current))") }
                    let open = advance()
                    let inner = try self.body(nested: true)
                    guard tokens[p].kind == .punct("}") else { throw fail("missing '}'") }
                    let close = advance()
                    body.blocks.append(HCLBlock(type: t.text, labels: labels, body: inner, range: t.start..<close.end,
                                                openBrace: open.start, closeBrace: close.start, line: t.line))
                }
                let end = tokens[p]
                guard end.kind == .newline || end.kind == .eof || end.kind == .punct("}") else {
                    throw fail("expected end of line, found \(describe(end))")
                }
            }
        }

        func text(_ start: Int, _ end: Int) -> String {
            String(decoding: source[start..<max(start, end)], as: UTF8.self)
        }

        // MARK: expressions

        mutating func expression() throws(HCLError) {
            try binary()
            if isPunct("?") {
                _ = advance()
                nesting += 1
                try expression()
                try expect(":")
                nesting -= 1
                try expression()
            }
        }

        static let binaryOps: Set<String> = ["||", "&&", "==", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "%"]

        mutating func binary() throws(HCLError) {
            try unary()
            while case .punct(let op) = current.kind, Self.binaryOps.contains(op) {
                _ = advance()
                try unary()
            }
        }

        mutating func unary() throws(HCLError) {
            if isPunct("!") || isPunct("-") {
                _ = advance()
                try unary()
                return
            }
            try primary()
            try postfix()
        }

        mutating func postfix() throws(HCLError) {
            while true {
                if isPunct(".") {
                    _ = advance()
                    let t = advance()
                    guard t.kind == .identifier || t.kind == .number || t.kind == .punct("*") else {
                        throw fail("expected an attribute name after '.'")
                    }
                } else if isPunct("[") {
                    _ = advance()
                    nesting += 1
                    if isPunct("*") { _ = advance() } else { try expression() }
                    try expect("]")
                    nesting -= 1
                } else {
                    return
                }
            }
        }

        mutating func primary() throws(HCLError) {
            let t = current
            switch t.kind {
            case .number, .string, .heredoc:
                _ = advance()
            case .identifier:
                _ = advance()
                if isPunct("(") && tokens[p].kind == .punct("(") {
                    _ = advance()
                    nesting += 1
                    while !isPunct(")") {
                        try expression()
                        if isPunct("...") { _ = advance() }
                        if isPunct(",") { _ = advance() } else { break }
                    }
                    try expect(")")
                    nesting -= 1
                }
            case .punct("("):
                _ = advance()
                nesting += 1
                try expression()
                try expect(")")
                nesting -= 1
            case .punct("["):
                _ = advance()
                nesting += 1
                if current.kind == .identifier, current.text == "for" {
                    try forIntro()
                    try expression()
                    if current.kind == .identifier, current.text == "if" { _ = advance(); try expression() }
                } else {
                    while !isPunct("]") {
                        try expression()
                        if isPunct(",") { _ = advance() } else { break }
                    }
                }
                try expect("]")
                nesting -= 1
            case .punct("{"):
                _ = advance()
                nesting += 1
                if current.kind == .identifier, current.text == "for" {
                    try forIntro()
                    try expression()
                    try expect("=>")
                    try expression()
                    if isPunct("...") { _ = advance() }
                    if current.kind == .identifier, current.text == "if" { _ = advance(); try expression() }
                } else {
                    while !isPunct("}") {
                        try expression()
                        guard isPunct("=") || isPunct(":") else { throw fail("expected '=' or ':' in object, found \(describe(current))") }
                        _ = advance()
                        try expression()
                        if isPunct(",") { _ = advance() }
                    }
                }
                try expect("}")
                nesting -= 1
            default:
                throw fail("expected an expression, found \(describe(t))")
            }
        }

        /// `for k, v in EXPR :`
        mutating func forIntro() throws(HCLError) {
            _ = advance() // for
            guard current.kind == .identifier else { throw fail("expected a name after 'for'") }
            _ = advance()
            if isPunct(",") {
                _ = advance()
                guard current.kind == .identifier else { throw fail("expected a name after ','") }
                _ = advance()
            }
            guard current.kind == .identifier, current.text == "in" else { throw fail("expected 'in'") }
            _ = advance()
            try expression()
            try expect(":")
        }
    }
}
