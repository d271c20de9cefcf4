/// Minimal in-place edits of a Terraform file's text that keep its style: a value is replaced
/// where it stands; a new attribute goes after the block's last attribute with the same indentation
/// (and `=` aligned like its neighbour); a new nested block goes before the closing `}`.
public struct TerraformEditor: Sendable {
    public private(set) var text: String

    public init(text: String) { self.text = text }

    public enum EditError: Error, Sendable, Equatable, CustomStringConvertible {
        case blockNotFound(String)
        case parse(String)
        public var description: String {
            switch self {
            case .blockNotFound(let what): "block not found: \(what)"
            case .parse(let why): "file does not parse: \(why)"
            }
        }
    }

    /// A path to a block: the top-level block by its labels, then nested block types (and, for
    /// repeated nested blocks like `parameter`, a predicate on them).
    public struct BlockPath: Sendable {
        /// `resource`, `module`, `variable`, … (nil: any).
        public var type: String?
        public var labels: [String]
        public var nested: [NestedStep]

        public init(type: String? = nil, labels: [String], nested: [NestedStep] = []) {
            self.type = type
            self.labels = labels
            self.nested = nested
        }
    }

    /// A nested block by type, and optionally by the literal value of one of its attributes
    /// (`parameter` blocks are told apart by `name`).
    public struct NestedStep: Sendable, Hashable {
        public var type: String
        public var attribute: String?
        public var value: String?

        public init(type: String, attribute: String? = nil, value: String? = nil) {
            self.type = type
            self.attribute = attribute
            self.value = value
        }

        func matches(_ block: HCLBlock) -> Bool {
            guard block.type == type else { return false }
            guard let attribute, let value else { return true }
            return block.body.attribute(attribute)?.literal?.stringValue == value
        }
    }

    func find(_ path: BlockPath) throws(EditError) -> HCLBlock {
        let body: HCLBody
        do { body = try HCLParser().parse(text) } catch { throw .parse(error.description) }
        guard var block = body.blocks.first(where: { $0.labels == path.labels && (path.type == nil || $0.type == path.type) }) else {
            throw .blockNotFound(path.labels.joined(separator: "."))
        }
        for step in path.nested {
            guard let inner = block.body.blocks.first(where: { step.matches($0) }) else {
                throw .blockNotFound(step.type)
            }
            block = inner
        }
        return block
    }

    /// The current text of the block at `path`.
    public func blockText(_ path: BlockPath) throws(EditError) -> String {
        let block = try find(path)
        return String(decoding: Array(text.utf8)[block.range], as: UTF8.self)
    }

    /// Sets `name = valueSource` (valueSource is HCL, e.g. `"2048"` or `2048` or `true`).
    public mutating func setAttribute(_ path: BlockPath, name: String, value valueSource: String) throws(EditError) {
        let block = try find(path)
        var bytes = Array(text.utf8)
        if let existing = block.body.attribute(name) {
            bytes.replaceSubrange(existing.valueRange, with: Array(valueSource.utf8))
        } else {
            let (offset, line) = insertionPoint(bytes, block: block)
            bytes.insert(contentsOf: Array(line(name, valueSource).utf8), at: offset)
        }
        text = String(decoding: bytes, as: UTF8.self)
    }

    /// Sets a top-level attribute (a `.tfvars` entry); appends it when missing.
    public mutating func setTopLevelAttribute(name: String, value valueSource: String) throws(EditError) {
        let body: HCLBody
        do { body = try HCLParser().parse(text) } catch { throw .parse(error.description) }
        var bytes = Array(text.utf8)
        if let existing = body.attribute(name) {
            bytes.replaceSubrange(existing.valueRange, with: Array(valueSource.utf8))
            text = String(decoding: bytes, as: UTF8.self)
        } else {
            if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
            text += "\(name) = \(valueSource)\n"
        }
    }

    /// The current text of a top-level attribute line.
    public func topLevelAttributeText(_ name: String) -> String? {
        guard let body = try? HCLParser().parse(text), let a = body.attribute(name) else { return nil }
        return String(decoding: Array(text.utf8)[a.range], as: UTF8.self)
    }

    /// Adds a nested block (`type { … }`) before the closing brace, attributes in the order given.
    public mutating func addBlock(_ path: BlockPath, type: String, attributes: [(String, String)]) throws(EditError) {
        let block = try find(path)
        var bytes = Array(text.utf8)
        let indent = innerIndent(bytes, block: block)
        let step = indentStep(bytes, block: block, inner: indent)
        let width = attributes.map(\.0.count).max() ?? 0
        var snippet = "\n\(indent)\(type) {\n"
        for (name, value) in attributes {
            snippet += "\(indent)\(step)\(name)\(String(repeating: " ", count: width - name.count)) = \(value)\n"
        }
        snippet += "\(indent)}\n"
        // insert after the last newline before the closing brace
        var at = block.closeBrace
        while at > block.openBrace, bytes[at - 1] != 0x0A { at -= 1 }
        if at == block.openBrace {
            // single-line block: open it up
            bytes.insert(contentsOf: Array(snippet.utf8), at: block.closeBrace)
        } else {
            // no blank line when the block's last line is its opening brace
            let body = String(decoding: bytes[(block.openBrace + 1)..<at], as: UTF8.self)
            let text = body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? String(snippet.dropFirst()) : snippet
            bytes.insert(contentsOf: Array(text.utf8), at: at)
        }
        text = String(decoding: bytes, as: UTF8.self)
    }

    /// Inserts raw text (already indented, ending with a newline) at the end of the file.
    public mutating func append(_ snippet: String) {
        if !text.hasSuffix("\n") { text += "\n" }
        text += "\n" + snippet
        if !text.hasSuffix("\n") { text += "\n" }
    }

    /// Replaces the bytes of a range in the current text (for edits inside an expression).
    public mutating func replace(_ range: Range<Int>, with replacement: String) {
        var bytes = Array(text.utf8)
        bytes.replaceSubrange(range, with: Array(replacement.utf8))
        text = String(decoding: bytes, as: UTF8.self)
    }

    // MARK: layout

    /// Where a new attribute line goes, and a function rendering it in the block's style.
    private func insertionPoint(_ bytes: [UInt8], block: HCLBlock) -> (Int, (String, String) -> String) {
        let indent = innerIndent(bytes, block: block)
        // align `=` with the last attribute when it is aligned
        var column: Int?
        if let last = block.body.attributes.max(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            let lineStart = lineStart(bytes, last.range.lowerBound)
            let eq = bytes[last.range.lowerBound..<last.valueRange.lowerBound].firstIndex(of: 0x3D) ?? last.range.lowerBound
            column = eq - lineStart
        }
        let render: (String, String) -> String = { name, value in
            let pad = column.map { max(1, $0 - indent.count - name.count) } ?? 1
            return "\(indent)\(name)\(String(repeating: " ", count: pad))= \(value)\n"
        }
        if let last = block.body.attributes.max(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            var at = last.range.upperBound
            while at < bytes.count, bytes[at] != 0x0A { at += 1 }
            return (min(at + 1, bytes.count), render)
        }
        var at = block.openBrace + 1
        while at < bytes.count, bytes[at] != 0x0A { at += 1 }
        return (min(at + 1, bytes.count), render)
    }

    private func lineStart(_ bytes: [UInt8], _ offset: Int) -> Int {
        var s = offset
        while s > 0, bytes[s - 1] != 0x0A { s -= 1 }
        return s
    }

    private func indentation(_ bytes: [UInt8], lineAt offset: Int) -> String {
        var s = lineStart(bytes, offset)
        var out = ""
        while s < bytes.count, bytes[s] == 0x20 || bytes[s] == 0x09 {
            out.append(bytes[s] == 0x20 ? " " : "\t")
            s += 1
        }
        return out
    }

    /// The indentation of the block's contents (from its first item, or the block's own + 2 spaces).
    private func innerIndent(_ bytes: [UInt8], block: HCLBlock) -> String {
        let first = (block.body.attributes.map(\.range.lowerBound) + block.body.blocks.map(\.range.lowerBound)).min()
        if let first, lineStart(bytes, first) > block.openBrace { return indentation(bytes, lineAt: first) }
        let own = indentation(bytes, lineAt: block.range.lowerBound)
        return own + (own.hasPrefix("\t") ? "\t" : "  ")
    }

    private func indentStep(_ bytes: [UInt8], block: HCLBlock, inner: String) -> String {
        let own = indentation(bytes, lineAt: block.range.lowerBound)
        let step = inner.count > own.count ? String(inner.dropFirst(own.count)) : "  "
        return step.isEmpty ? "  " : step
    }
}
