import Foundation

/// One row of a result set; columns are read by name with a Swift type.
public struct MySQLRow: Sendable {
    public let columns: [String]
    public let values: [MySQLValue]

    public init(columns: [String], values: [MySQLValue]) {
        self.columns = columns
        self.values = values
    }

    public subscript(_ name: String) -> MySQLValue? {
        columns.firstIndex(of: name).map { values[$0] }
    }

    /// The column `name` as `T`; throws `db_decoding_failed` when it is missing or of another type.
    public func decode<T: MySQLDecodable>(_ name: String, as type: T.Type = T.self) throws(MySQLError) -> T {
        guard let value = self[name] else {
            throw MySQLError(kind: .decoding, message: "no column `\(name)` in the row")
        }
        guard let decoded = T(mysqlValue: value) else {
            throw MySQLError(kind: .decoding, message: "column `\(name)` is not a \(T.self)")
        }
        return decoded
    }
}

/// Types a column can be decoded into.
public protocol MySQLDecodable: Sendable {
    init?(mysqlValue: MySQLValue)
}

extension Int64: MySQLDecodable {
    public init?(mysqlValue: MySQLValue) {
        switch mysqlValue {
        case .int(let value): self = value
        case .text(let text): guard let value = Int64(text) else { return nil }; self = value
        default: return nil
        }
    }
}

extension Int: MySQLDecodable {
    public init?(mysqlValue: MySQLValue) {
        guard let value = Int64(mysqlValue: mysqlValue) else { return nil }
        self = Int(value)
    }
}

extension Bool: MySQLDecodable {
    public init?(mysqlValue: MySQLValue) {
        guard let value = Int64(mysqlValue: mysqlValue) else { return nil }
        self = value != 0
    }
}

extension Double: MySQLDecodable {
    public init?(mysqlValue: MySQLValue) {
        switch mysqlValue {
        case .double(let value): self = value
        case .int(let value): self = Double(value)
        case .text(let text): guard let value = Double(text) else { return nil }; self = value
        default: return nil
        }
    }
}

extension String: MySQLDecodable {
    public init?(mysqlValue: MySQLValue) {
        switch mysqlValue {
        case .text(let text): self = text
        case .bytes(let bytes): guard let text = String(validating: bytes, as: UTF8.self) else { return nil }; self = text
        case .int(let value): self = String(value)
        default: return nil
        }
    }
}

extension Array: MySQLDecodable where Element == UInt8 {
    public init?(mysqlValue: MySQLValue) {
        switch mysqlValue {
        case .bytes(let bytes): self = bytes
        case .text(let text): self = Array(text.utf8)
        default: return nil
        }
    }
}

extension Date: MySQLDecodable {
    public init?(mysqlValue: MySQLValue) {
        guard case .date(let date) = mysqlValue else { return nil }
        self = date
    }
}

extension Optional: MySQLDecodable where Wrapped: MySQLDecodable {
    public init?(mysqlValue: MySQLValue) {
        if case .null = mysqlValue { self = .none; return }
        guard let value = Wrapped(mysqlValue: mysqlValue) else { return nil }
        self = .some(value)
    }
}
