import Foundation

/// A value bound to a `?` parameter or read from a column.
public enum MySQLValue: Sendable, Equatable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
    case bytes([UInt8])
    /// DATETIME/TIMESTAMP, always UTC on the wire (the session time zone is +00:00).
    case date(Date)
}

/// Types that can be bound as statement parameters.
public protocol MySQLBindable: Sendable {
    var mysqlValue: MySQLValue { get }
}

extension MySQLValue: MySQLBindable { public var mysqlValue: MySQLValue { self } }
extension Int: MySQLBindable { public var mysqlValue: MySQLValue { .int(Int64(self)) } }
extension Int64: MySQLBindable { public var mysqlValue: MySQLValue { .int(self) } }
extension Int32: MySQLBindable { public var mysqlValue: MySQLValue { .int(Int64(self)) } }
extension Double: MySQLBindable { public var mysqlValue: MySQLValue { .double(self) } }
extension String: MySQLBindable { public var mysqlValue: MySQLValue { .text(self) } }
extension Bool: MySQLBindable { public var mysqlValue: MySQLValue { .int(self ? 1 : 0) } }
extension Date: MySQLBindable { public var mysqlValue: MySQLValue { .date(self) } }
extension Array: MySQLBindable where Element == UInt8 { public var mysqlValue: MySQLValue { .bytes(self) } }
extension Data: MySQLBindable { public var mysqlValue: MySQLValue { .bytes([UInt8](self)) } }
extension Optional: MySQLBindable where Wrapped: MySQLBindable {
    public var mysqlValue: MySQLValue { self?.mysqlValue ?? .null }
}
