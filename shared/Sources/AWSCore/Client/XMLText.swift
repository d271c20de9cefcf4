/// Reads text values out of the small, flat XML answers of AWS Query-protocol APIs (STS, errors).
/// Not a general XML parser: it finds `<Tag>text</Tag>` (optionally after an enclosing tag) and decodes entities.
public enum XMLText {
    /// The text of the first `<tag>…</tag>` (after the first `<within>` when given), entity-decoded.
    public static func value(of tag: String, in xml: String, within: String? = nil) -> String? {
        var scope = Substring(xml)
        if let within {
            guard let start = openTagRange(within, in: scope) else { return nil }
            scope = scope[start.upperBound...]
        }
        guard let open = openTagRange(tag, in: scope) else { return nil }
        let rest = scope[open.upperBound...]
        guard let close = rest.range(of: "</\(tag)>") else { return nil }
        return decodeEntities(String(rest[..<close.lowerBound]))
    }

    private static func openTagRange(_ tag: String, in text: Substring) -> Range<Substring.Index>? {
        var search = text[...]
        while let found = search.range(of: "<\(tag)") {
            let after = search[found.upperBound...]
            guard let next = after.first else { return nil }
            if next == ">" { return found.lowerBound..<after.index(after: after.startIndex) }
            if next == " " || next == "\t" || next == "\n", let end = after.firstIndex(of: ">") {
                return found.lowerBound..<after.index(after: end)
            }
            search = after
        }
        return nil
    }

    public static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "&", let semicolon = text[index...].firstIndex(of: ";"),
               text.distance(from: index, to: semicolon) <= 10 {
                let entity = text[text.index(after: index)..<semicolon]
                var replacement: String?
                switch entity {
                case "amp": replacement = "&"
                case "lt": replacement = "<"
                case "gt": replacement = ">"
                case "quot": replacement = "\""
                case "apos": replacement = "'"
                default:
                    if entity.hasPrefix("#x") || entity.hasPrefix("#X"), let code = UInt32(entity.dropFirst(2), radix: 16),
                       let scalar = Unicode.Scalar(code) {
                        replacement = String(Character(scalar))
                    } else if entity.hasPrefix("#"), let code = UInt32(entity.dropFirst()), let scalar = Unicode.Scalar(code) {
                        replacement = String(Character(scalar))
                    }
                }
                if let replacement {
                    out += replacement
                    index = text.index(after: semicolon)
                    continue
                }
            }
            out.append(character)
            index = text.index(after: index)
        }
        return out
    }
}
