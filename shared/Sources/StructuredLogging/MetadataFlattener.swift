import Logging

/// Turns nested swift-log metadata into dotted keys (`["db": ["host": "x"]]` → `db.host`),
/// applying the redactor on the way. Arrays stay JSON arrays.
struct MetadataFlattener {
    let redactor: LogRedactor

    enum Leaf {
        case string(String)
        case array([Logger.MetadataValue])
    }

    func flatten(_ metadata: Logger.Metadata, prefix: String = "", into result: inout [String: Leaf]) {
        for (key, value) in metadata {
            let path = prefix.isEmpty ? key : prefix + "." + key
            if redactor.isSensitive(key: key) {
                result[path] = .string(LogRedactor.replacement)
                continue
            }
            switch value {
            case .string(let text):
                result[path] = .string(redactor.redact(path: path, value: text))
            case .stringConvertible(let convertible):
                result[path] = .string(redactor.redact(path: path, value: convertible.description))
            case .dictionary(let nested):
                flatten(nested, prefix: path, into: &result)
            case .array(let elements):
                result[path] = .array(elements)
            }
        }
    }

    /// Writes an array value as JSON; nested dictionaries become objects (redacted by key too).
    func write(array elements: [Logger.MetadataValue], path: String, to writer: inout JSONLineWriter) {
        writer.raw("[")
        for (index, element) in elements.enumerated() {
            if index > 0 { writer.raw(",") }
            write(value: element, path: path, to: &writer)
        }
        writer.raw("]")
    }

    private func write(value: Logger.MetadataValue, path: String, to writer: inout JSONLineWriter) {
        switch value {
        case .string(let text):
            writer.string(redactor.redact(path: path, value: text))
        case .stringConvertible(let convertible):
            writer.string(redactor.redact(path: path, value: convertible.description))
        case .array(let elements):
            write(array: elements, path: path, to: &writer)
        case .dictionary(let nested):
            writer.raw("{")
            for (index, key) in nested.keys.sorted().enumerated() {
                writer.key(key, first: index == 0)
                if redactor.isSensitive(key: key) {
                    writer.string(LogRedactor.replacement)
                } else {
                    write(value: nested[key]!, path: path + "." + key, to: &writer)
                }
            }
            writer.raw("}")
        }
    }
}
