import Foundation

/// The reviewed prompt texts, shipped as resources (`Resources/Prompts/*.txt`) so they are read and
/// changed as text, not scattered through code. `{{name}}` placeholders are filled by `render`.
public enum Prompts {
    public static func text(_ name: String) -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Resources/Prompts"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            preconditionFailure("prompt resource \(name).txt is missing from the CloudClients bundle")
        }
        return text
    }

    /// Fills `{{key}}` placeholders in one pass, so a value that itself contains `{{…}}` is never expanded.
    public static func render(_ template: String, _ values: [String: String]) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.range(of: "}}") else { out += rest[open.lowerBound...]; return out }
            let key = String(afterOpen[..<close.lowerBound])
            out += values[key] ?? "{{\(key)}}"
            rest = afterOpen[close.upperBound...]
        }
        return out + rest
    }

    public static var analyzerSystem: String { text("analyzer-system") }
    public static var prescriberSystem: String { text("prescriber-system") }
    public static var prescriberUser: String { text("prescriber-user") }
    public static var reviewerSystem: String { text("reviewer-system") }
    public static var reviewerUser: String { text("reviewer-user") }
}
