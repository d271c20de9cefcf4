import Foundation
import MySQL
import Testing

@Suite struct MySQLConnectionTests {
    @Test func valuesRoundTripThroughPreparedStatements() async throws {
        let pool = try TestDatabase.pool()
        let table = TestDatabase.uniqueTable("roundtrip")
        let date = Date(timeIntervalSince1970: 1_764_000_000.123)
        let hostile = "'; DROP TABLE \(table); -- \" \\ % _ \u{0} é 🚑"
        let rows = try await pool.withConnection { connection in
            try connection.execute("""
                CREATE TEMPORARY TABLE \(table) (
                  i BIGINT, d DOUBLE, t VARCHAR(200), b VARBINARY(64), n VARCHAR(10) NULL, at DATETIME(3)
                )
                """, cache: false)
            try connection.execute("INSERT INTO \(table) VALUES (?, ?, ?, ?, ?, ?)",
                                   [Int64(-42), 2.5, hostile, [UInt8]([0, 255, 7]), String?.none, date])
            return try connection.query("SELECT i, d, t, b, n, at FROM \(table)")
        }
        await pool.shutdown()
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(try row.decode("i", as: Int64.self) == -42)
        #expect(try row.decode("d", as: Double.self) == 2.5)
        #expect(try row.decode("t", as: String.self) == hostile)
        #expect(try row.decode("b", as: [UInt8].self) == [0, 255, 7])
        #expect(try row.decode("n", as: String?.self) == nil)
        let decoded = try row.decode("at", as: Date.self)
        #expect(abs(decoded.timeIntervalSince1970 - date.timeIntervalSince1970) < 0.001)
    }

    @Test func decodingAColumnAsTheWrongTypeThrows() async throws {
        let pool = try TestDatabase.pool()
        let rows = try await pool.withConnection { try $0.query("SELECT 'abc' AS word") }
        await pool.shutdown()
        #expect(throws: MySQLError.self) { try rows[0].decode("word", as: Int.self) }
        #expect(throws: MySQLError.self) { try rows[0].decode("missing", as: String.self) }
    }

    @Test func duplicateKeyIsAServerErrorAndTheConnectionStaysUsable() async throws {
        let pool = try TestDatabase.pool(poolSize: 1)
        let table = TestDatabase.uniqueTable("dup")
        let (error, after) = try await pool.withConnection { connection -> (MySQLError?, Int) in
            try connection.execute("CREATE TEMPORARY TABLE \(table) (k VARCHAR(10) PRIMARY KEY)", cache: false)
            try connection.execute("INSERT INTO \(table) VALUES (?)", ["a"])
            var caught: MySQLError?
            do { try connection.execute("INSERT INTO \(table) VALUES (?)", ["a"]) } catch let error as MySQLError { caught = error }
            let count = try connection.query("SELECT COUNT(*) AS c FROM \(table)")[0].decode("c", as: Int.self)
            return (caught, count)
        }
        await pool.shutdown()
        let duplicate = try #require(error)
        #expect(duplicate.isDuplicateKey)
        #expect(duplicate.kind == .server)
        #expect(!duplicate.isUnavailable)
        #expect(after == 1)
    }

    @Test func transactionCommitsOnReturnAndRollsBackOnThrow() async throws {
        struct Abort: Error {}
        let pool = try TestDatabase.pool(poolSize: 1)
        let table = TestDatabase.uniqueTable("tx")
        _ = try await pool.withConnection { connection in
            try connection.execute("CREATE TABLE \(table) (v INT) ENGINE=InnoDB", cache: false)
        }
        _ = try await pool.transaction { try $0.execute("INSERT INTO \(table) VALUES (?)", [1]) }
        await #expect(throws: Abort.self) {
            try await pool.transaction { connection in
                try connection.execute("INSERT INTO \(table) VALUES (?)", [2])
                throw Abort()
            }
        }
        let values = try await pool.withConnection { connection in
            defer { _ = try? connection.execute("DROP TABLE \(table)", cache: false) }
            return try connection.query("SELECT v FROM \(table) ORDER BY v").map { try $0.decode("v", as: Int.self) }
        }
        await pool.shutdown()
        #expect(values == [1])
    }

    @Test func wrongParameterCountIsRefused() async throws {
        let pool = try TestDatabase.pool()
        await #expect(throws: MySQLError.self) {
            try await pool.withConnection { try $0.query("SELECT ? AS a", []) }
        }
        await pool.shutdown()
    }
}
