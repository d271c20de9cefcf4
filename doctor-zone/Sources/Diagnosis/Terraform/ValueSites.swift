import Foundation

/// Where a value is really set. Terraform values travel through `var.` references: a resource
/// attribute → the module call that passes it → the root variable → its default and `.tfvars`.
/// A prescription edits the places that hold the literal, not the reference.
struct ValueSite: Sendable, Hashable {
    enum Locator: Sendable, Hashable {
        /// `name = …` inside a block (resource, module call, variable default, or a nested block).
        case attribute(TerraformEditor.BlockPathKey, name: String)
        /// A top-level `name = …` of a `.tfvars` file.
        case topLevel(name: String)
    }

    var path: String
    var locator: Locator
    /// The current value, as written.
    var current: String
}

extension TerraformEditor {
    /// A hashable description of a `BlockPath`.
    struct BlockPathKey: Sendable, Hashable {
        var type: String
        var labels: [String]
        var nested: [NestedStep]

        var blockPath: BlockPath { BlockPath(type: type, labels: labels, nested: nested) }
    }
}

struct ValueResolver: Sendable {
    let context: TerraformContext

    /// The sites holding the literal(s) behind `valueText`, written at `site`. Empty when the value is
    /// computed (a function call, an expression) and cannot be followed.
    func sites(for site: ValueSite, depth: Int = 0) -> [ValueSite] {
        if HCLLiteral(source: site.current) != nil { return [site] }
        guard depth < 6, let name = Self.variableName(site.current) else { return [] }
        let dir = Self.directory(of: site.path)
        // module calls whose source is this directory
        var callers: [(TerraformFile, HCLBlock)] = []
        for (file, body) in context.parsed where file.path.hasSuffix(".tf") {
            for block in body.blocks where block.type == "module" {
                guard let source = block.body.attribute("source")?.literal?.stringValue,
                      source.hasPrefix("./") || source.hasPrefix("../") else { continue }
                if Self.normalize(Self.directory(of: file.path) + "/" + source) == dir { callers.append((file, block)) }
            }
        }
        let passing = callers.compactMap { file, block -> ValueSite? in
            guard let a = block.body.attribute(name) else { return nil }
            return ValueSite(path: file.path,
                             locator: .attribute(.init(type: "module", labels: block.labels, nested: []), name: "default" == name ? name : name),
                             current: a.valueText)
        }
        if !passing.isEmpty {
            return passing.flatMap { sites(for: $0, depth: depth + 1) }
        }
        var out: [ValueSite] = []
        if callers.isEmpty {
            // a root module: its .tfvars files set the variable
            for (file, body) in context.parsed where file.path.hasSuffix(".tfvars") {
                if let a = body.attribute(name), HCLLiteral(source: a.valueText) != nil {
                    out.append(ValueSite(path: file.path, locator: .topLevel(name: name), current: a.valueText))
                }
            }
        }
        // the default matters only where no .tfvars sets the variable
        guard out.isEmpty else { return out }
        for (file, body) in context.parsed where file.path.hasSuffix(".tf") && Self.directory(of: file.path) == dir {
            for block in body.blocks where block.type == "variable" && block.labels == [name] {
                if let d = block.body.attribute("default"), HCLLiteral(source: d.valueText) != nil {
                    out.append(ValueSite(path: file.path, locator: .attribute(.init(type: "variable", labels: [name], nested: []), name: "default"),
                                         current: d.valueText))
                }
            }
        }
        return out
    }

    static func variableName(_ text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard t.hasPrefix("var.") else { return nil }
        let name = t.dropFirst(4)
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else { return nil }
        return String(name)
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return normalize(String(path[..<slash]))
    }

    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            parts.append(part)
        }
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
