import CloudDoctorModels
import Foundation
import LogTriage

/// Accumulates the edits of one prescription across files, then renders the file patches
/// (unified diff + the resulting block) and the Terraform snippet.
struct PatchPlan {
    let context: TerraformContext
    private(set) var texts: [String: String] = [:]
    /// What changed, for the explanation ("memory 1024 → 2048 in …").
    private(set) var changes: [String] = []
    /// Why a step could not be applied.
    private(set) var notes: [String] = []
    /// Blocks to show after the edit, per file.
    private var touched: [(path: String, what: Touched)] = []
    /// Snippets to add when there is no file to edit.
    private(set) var standalone: [String] = []

    enum Touched: Hashable {
        case block(TerraformEditor.BlockPathKey)
        case topLevel(String)
        case appended(String)
    }

    init(context: TerraformContext) {
        self.context = context
    }

    func text(_ path: String) -> String? {
        texts[path] ?? context.files.first { $0.path == path }?.text
    }

    mutating func note(_ text: String) { notes.append(text) }

    mutating func addStandalone(_ snippet: String, why: String) {
        standalone.append(snippet)
        notes.append(why)
    }

    // MARK: edits

    /// Sets a value at a site, computing the new value from the current one.
    mutating func set(_ site: ValueSite, rule: ValueRule, label: String) {
        guard let newValue = Self.apply(rule, to: site.current) else {
            notes.append("\(label): cannot compute a new value from \(site.current) in \(site.path)")
            return
        }
        guard newValue != site.current.trimmingCharacters(in: .whitespaces) else {
            notes.append("\(label) is already \(newValue) in \(site.path)")
            return
        }
        guard var editor = text(site.path).map({ TerraformEditor(text: $0) }) else { return }
        do {
            switch site.locator {
            case .attribute(let key, let name):
                try editor.setAttribute(key.blockPath, name: name, value: newValue)
                touch(site.path, .block(TerraformEditor.BlockPathKey(type: key.type, labels: key.labels, nested: [])))
            case .topLevel(let name):
                try editor.setTopLevelAttribute(name: name, value: newValue)
                touch(site.path, .topLevel(name))
            }
            texts[site.path] = editor.text
            changes.append("\(label): \(site.current.trimmingCharacters(in: .whitespaces)) → \(newValue) (\(site.path))")
        } catch {
            notes.append("\(label): \(error) in \(site.path)")
        }
    }

    mutating func addNestedBlock(path: String, key: TerraformEditor.BlockPathKey, type: String, attributes: [(String, String)], label: String) {
        guard var editor = text(path).map({ TerraformEditor(text: $0) }) else { return }
        do {
            try editor.addBlock(key.blockPath, type: type, attributes: attributes)
            texts[path] = editor.text
            touch(path, .block(TerraformEditor.BlockPathKey(type: key.type, labels: key.labels, nested: [])))
            changes.append("\(label): added \(type) { \(attributes.map { "\($0.0) = \($0.1)" }.joined(separator: ", ")) } (\(path))")
        } catch {
            notes.append("\(label): \(error) in \(path)")
        }
    }

    mutating func append(path: String, block: String, label: String) {
        guard var editor = text(path).map({ TerraformEditor(text: $0) }) else { return }
        editor.append(block)
        texts[path] = editor.text
        touch(path, .appended(block))
        changes.append("\(label) (\(path))")
    }

    private mutating func touch(_ path: String, _ what: Touched) {
        if !touched.contains(where: { $0.path == path && $0.what == what }) { touched.append((path, what)) }
    }

    // MARK: output

    func filePatches() -> [FilePatch] {
        var out: [FilePatch] = []
        for file in context.files {
            guard let new = texts[file.path], new != file.text else { continue }
            let editor = TerraformEditor(text: new)
            let blocks: [String] = touched.filter { $0.path == file.path }.compactMap { entry in
                switch entry.what {
                case .block(let key): try? editor.blockText(key.blockPath)
                case .topLevel(let name): editor.topLevelAttributeText(name)
                case .appended(let text): text.trimmingCharacters(in: .newlines)
                }
            }
            out.append(FilePatch(path: file.path, diff: UnifiedDiff.make(path: file.path, old: file.text, new: new),
                                 resultingBlock: blocks.joined(separator: "\n\n")))
        }
        return out
    }

    // MARK: values

    static let instanceSizes = ["nano", "micro", "small", "medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge",
                                "12xlarge", "16xlarge", "24xlarge"]

    /// The new HCL value for a rule applied to the current value (nil when it cannot be computed).
    static func apply(_ rule: ValueRule, to current: String) -> String? {
        let literal = HCLLiteral(source: current)
        let quoted = current.trimmingCharacters(in: .whitespaces).hasPrefix("\"")
        switch rule {
        case .literal(let value):
            return value
        case .scale(let factor, let minimum, let maximum, let step):
            let now: Double
            switch literal {
            case .number(let d): now = d
            case .string(let s): guard let d = Double(s) else { return nil }; now = d
            case nil: now = 0 // absent: start from the minimum
            default: return nil
            }
            var next = (now * factor / step).rounded(.up) * step
            next = min(maximum, max(minimum, next))
            let text = next == next.rounded() ? String(Int(next)) : String(next)
            return quoted ? "\"\(text)\"" : text
        case .nextInstanceSize:
            guard case .string(let cls)? = literal else { return nil }
            var parts = cls.split(separator: ".").map(String.init)
            guard let size = parts.last, let index = instanceSizes.firstIndex(of: size), index + 1 < instanceSizes.count else { return nil }
            parts[parts.count - 1] = instanceSizes[index + 1]
            return "\"\(parts.joined(separator: "."))\""
        }
    }
}
