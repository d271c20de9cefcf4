import MySQL
import Testing

@Suite struct MySQLConfigurationTests {
    @Test(arguments: [
        ("mysql://cloud:cloud@127.0.0.1:3307/cloud_doctor", "127.0.0.1", 3307, "cloud", "cloud", "cloud_doctor"),
        ("mysql://app:p%40ss%3Aw@db.internal/app", "db.internal", 3306, "app", "p@ss:w", "app"),
        ("mariadb://u@h:1/d", "h", 1, "u", "", "d"),
    ])
    func parsesDatabaseURL(url: String, host: String, port: Int, user: String, password: String, database: String) throws {
        let configuration = try MySQLConfiguration(url: url)
        #expect(configuration.host == host)
        #expect(configuration.port == port)
        #expect(configuration.user == user)
        #expect(configuration.password == password)
        #expect(configuration.database == database)
    }

    @Test(arguments: ["postgres://u:p@h/d", "not a url", "mysql:///nohost", ""])
    func rejectsURLsThatAreNotMySQL(url: String) {
        #expect(throws: MySQLError.self) { try MySQLConfiguration(url: url) }
    }

    @Test func environmentVariablesBuildTheConfigurationWhenThereIsNoURL() throws {
        let configuration = try MySQLConfiguration(environment: [
            "MYSQL_HOST": "db", "MYSQL_PORT": "3310", "MYSQL_USER": "u", "MYSQL_PASSWORD": "pw",
            "MYSQL_DATABASE": "app", "MYSQL_POOL_SIZE": "7", "MYSQL_ACQUIRE_TIMEOUT_MS": "150",
        ])
        #expect(configuration.host == "db")
        #expect(configuration.port == 3310)
        #expect(configuration.poolSize == 7)
        #expect(configuration.acquireTimeout == .milliseconds(150))
        #expect(!configuration.redactedDescription.contains("pw"))
    }

    @Test func splitsMigrationFilesIntoStatements() {
        let migration = MySQLMigration(version: 1, name: "x", sql: """
            -- a comment
            CREATE TABLE a (
              id INT
            );

            INSERT INTO a VALUES (1);
            """)
        #expect(migration.statements == ["CREATE TABLE a (\n  id INT\n)", "INSERT INTO a VALUES (1)"])
    }
}
