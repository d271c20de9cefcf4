import CMySQL
import Foundation

/// C memory for the `?` parameters of one execution. Freed by `deallocate()`.
struct ParameterBuffers {
    let binds: UnsafeMutablePointer<MYSQL_BIND>
    private let count: Int
    private var allocations: [UnsafeMutableRawPointer] = []

    init(_ values: [MySQLValue]) {
        count = values.count
        binds = .allocate(capacity: max(count, 1))
        binds.initialize(repeating: MYSQL_BIND(), count: max(count, 1))
        for (index, value) in values.enumerated() {
            switch value {
            case .null:
                binds[index].buffer_type = MYSQL_TYPE_NULL
            case .int(let number):
                let buffer = allocate(MemoryLayout<Int64>.size)
                buffer.storeBytes(of: number, as: Int64.self)
                binds[index].buffer_type = MYSQL_TYPE_LONGLONG
                binds[index].buffer = buffer
            case .double(let number):
                let buffer = allocate(MemoryLayout<Double>.size)
                buffer.storeBytes(of: number, as: Double.self)
                binds[index].buffer_type = MYSQL_TYPE_DOUBLE
                binds[index].buffer = buffer
            case .text(let text):
                setBytes(index, Array(text.utf8), type: MYSQL_TYPE_STRING)
            case .bytes(let bytes):
                setBytes(index, bytes, type: MYSQL_TYPE_BLOB)
            case .date(let date):
                let buffer = allocate(MemoryLayout<MYSQL_TIME>.size)
                buffer.storeBytes(of: MySQLTime.mysqlTime(from: date), as: MYSQL_TIME.self)
                binds[index].buffer_type = MYSQL_TYPE_DATETIME
                binds[index].buffer = buffer
            }
        }
    }

    private mutating func allocate(_ size: Int) -> UnsafeMutableRawPointer {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(size, 1), alignment: 16)
        allocations.append(buffer)
        return buffer
    }

    private mutating func setBytes(_ index: Int, _ bytes: [UInt8], type: enum_field_types) {
        let buffer = allocate(bytes.count)
        bytes.withUnsafeBytes { source in
            if let base = source.baseAddress { buffer.copyMemory(from: base, byteCount: source.count) }
        }
        let length = allocate(MemoryLayout<UInt>.size).bindMemory(to: UInt.self, capacity: 1)
        length.pointee = UInt(bytes.count)
        binds[index].buffer_type = type
        binds[index].buffer = buffer
        binds[index].buffer_length = UInt(bytes.count)
        binds[index].length = length
    }

    func deallocate() {
        for buffer in allocations { buffer.deallocate() }
        binds.deinitialize(count: max(count, 1))
        binds.deallocate()
    }
}

/// C memory that receives the columns of one row at a time.
struct ResultBuffers {
    enum Kind { case integer, double, datetime, bytes, text }

    let binds: UnsafeMutablePointer<MYSQL_BIND>
    let names: [String]
    private let kinds: [Kind]
    private let buffers: [UnsafeMutableRawPointer]
    private let lengths: UnsafeMutablePointer<UInt>
    private let nulls: UnsafeMutablePointer<my_bool>

    init(_ fields: UnsafeBufferPointer<MYSQL_FIELD>) {
        let count = max(fields.count, 1)
        binds = .allocate(capacity: count)
        binds.initialize(repeating: MYSQL_BIND(), count: count)
        lengths = .allocate(capacity: count)
        lengths.initialize(repeating: 0, count: count)
        nulls = .allocate(capacity: count)
        nulls.initialize(repeating: 0, count: count)
        var names: [String] = []
        var kinds: [Kind] = []
        var buffers: [UnsafeMutableRawPointer] = []
        for (index, field) in fields.enumerated() {
            names.append(String(cString: field.name))
            let kind = Self.kind(of: field)
            kinds.append(kind)
            let size: Int
            switch kind {
            case .integer:
                size = 8
                binds[index].buffer_type = MYSQL_TYPE_LONGLONG
                binds[index].is_unsigned = (field.flags & UInt32(UNSIGNED_FLAG)) != 0 ? 1 : 0
            case .double:
                size = 8
                binds[index].buffer_type = MYSQL_TYPE_DOUBLE
            case .datetime:
                size = MemoryLayout<MYSQL_TIME>.size
                binds[index].buffer_type = MYSQL_TYPE_DATETIME
            case .bytes:
                size = Int(field.max_length)
                binds[index].buffer_type = MYSQL_TYPE_BLOB
            case .text:
                size = Int(field.max_length)
                binds[index].buffer_type = MYSQL_TYPE_STRING
            }
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(size, 1), alignment: 16)
            buffers.append(buffer)
            binds[index].buffer = buffer
            binds[index].buffer_length = UInt(max(size, 1))
            binds[index].length = lengths + index
            binds[index].is_null = nulls + index
        }
        self.names = names
        self.kinds = kinds
        self.buffers = buffers
    }

    private static func kind(of field: MYSQL_FIELD) -> Kind {
        switch field.type {
        case MYSQL_TYPE_TINY, MYSQL_TYPE_SHORT, MYSQL_TYPE_LONG, MYSQL_TYPE_INT24, MYSQL_TYPE_LONGLONG, MYSQL_TYPE_YEAR:
            return .integer
        case MYSQL_TYPE_FLOAT, MYSQL_TYPE_DOUBLE:
            return .double
        case MYSQL_TYPE_DATETIME, MYSQL_TYPE_TIMESTAMP, MYSQL_TYPE_DATE:
            return .datetime
        case MYSQL_TYPE_TINY_BLOB, MYSQL_TYPE_MEDIUM_BLOB, MYSQL_TYPE_LONG_BLOB, MYSQL_TYPE_BLOB,
             MYSQL_TYPE_STRING, MYSQL_TYPE_VAR_STRING, MYSQL_TYPE_VARCHAR:
            return field.charsetnr == 63 ? .bytes : .text  // 63 = binary
        default:
            return .text
        }
    }

    func currentValues() -> [MySQLValue] {
        var values: [MySQLValue] = []
        values.reserveCapacity(kinds.count)
        for index in kinds.indices {
            if nulls[index] != 0 {
                values.append(.null)
                continue
            }
            let buffer = buffers[index]
            switch kinds[index] {
            case .integer:
                values.append(.int(buffer.load(as: Int64.self)))
            case .double:
                values.append(.double(buffer.load(as: Double.self)))
            case .datetime:
                values.append(.date(MySQLTime.date(from: buffer.load(as: MYSQL_TIME.self))))
            case .bytes:
                let bytes = UnsafeRawBufferPointer(start: buffer, count: Int(lengths[index]))
                values.append(.bytes([UInt8](bytes)))
            case .text:
                let bytes = UnsafeRawBufferPointer(start: buffer, count: Int(lengths[index]))
                values.append(.text(String(decoding: bytes, as: UTF8.self)))
            }
        }
        return values
    }

    func deallocate() {
        for buffer in buffers { buffer.deallocate() }
        let count = max(names.count, 1)
        binds.deinitialize(count: count)
        binds.deallocate()
        lengths.deallocate()
        nulls.deallocate()
    }
}

/// MYSQL_TIME <-> Date, in UTC (the session time zone).
enum MySQLTime {
    static func date(from time: MYSQL_TIME) -> Date {
        let days = daysFromCivil(year: Int(time.year), month: Int(time.month), day: Int(time.day))
        let seconds = days * 86_400 + Int(time.hour) * 3_600 + Int(time.minute) * 60 + Int(time.second)
        return Date(timeIntervalSince1970: Double(seconds) + Double(time.second_part) / 1_000_000)
    }

    static func mysqlTime(from date: Date) -> MYSQL_TIME {
        let interval = date.timeIntervalSince1970
        let whole = Int(interval.rounded(.down))
        let micros = Int(((interval - Double(whole)) * 1_000_000).rounded())
        var days = whole / 86_400
        var rest = whole % 86_400
        if rest < 0 { rest += 86_400; days -= 1 }
        let (year, month, day) = civilFromDays(days)
        var time = MYSQL_TIME()
        time.year = UInt32(clamping: year)
        time.month = UInt32(month)
        time.day = UInt32(day)
        time.hour = UInt32(rest / 3_600)
        time.minute = UInt32(rest % 3_600 / 60)
        time.second = UInt32(rest % 60)
        time.second_part = UInt(min(micros, 999_999))
        time.time_type = MYSQL_TIMESTAMP_DATETIME
        return time
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
