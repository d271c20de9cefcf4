import Foundation

/// A parsed HCL body: attributes and blocks, each with the byte range it spans in the source.
public struct HCLBody: Sendable, Hashable {
    public var attributes: [HCLAttribute] = []
    public var blocks: [HCLBlock] = []

    public func attribute(_ name: String) -> HCLAttribute? { attributes.first { $0.name == name } }
    public func blocks(_ type: String) -> [HCLBlock] { blocks.filter { $0.type == type } }
}

public struct HCLAttribute: Sendable, Hashable {
    public var name: String
    /// Source text of the value expression, as written.
    public var valueText: String
    /// Byte range of the value expression in the source.
    public var valueRange: Range<Int>
    /// Byte range of the whole `name = value` (first byte of the name to the end of the value).
    public var range: Range<Int>
    public var line: Int

    /// The value when it is a plain literal: a quoted string without templates, a number, true/false.
    public var literal: HCLLiteral? { HCLLiteral(source: valueText) }
}

public enum HCLLiteral: Sendable, Hashable {
    case string(String), number(Double), bool(Bool), null

    init?(source: String) {
        let t = source.trimmingCharacters(in: .whitespaces)
        if t == "true" { self = .bool(true); return }
        if t == "false" { self = .bool(false); return }
        if t == "null" { self = .null; return }
        if let d = Double(t) { self = .number(d); return }
        if t.count >= 2, t.hasPrefix("\""), t.hasSuffix("\""), !t.contains("${"), !t.contains("%{") {
            let inner = t.dropFirst().dropLast()
            guard !inner.contains("\"") || inner.contains("\\\"") else { return nil }
            self = .string(inner.replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\"))
            return
        }
        return nil
    }

    public var stringValue: String? {
        switch self {
        case .string(let s): s
        case .number(let d): d == d.rounded() ? String(Int(d)) : String(d)
        case .bool(let b): String(b)
        case .null: nil
        }
    }
}

public struct HCLBlock: Sendable, Hashable {
    public var type: String
    public var labels: [String]
    public var body: HCLBody
    /// From the first byte of the type to just past the closing `}`.
    public var range: Range<Int>
    /// Offset of the `{` and of the `}`.
    public var openBrace: Int
    public var closeBrace: Int
    public var line: Int

    /// `aws_ecs_task_definition.app` for `resource "aws_ecs_task_definition" "app"`.
    public var address: String { labels.joined(separator: ".") }
}

