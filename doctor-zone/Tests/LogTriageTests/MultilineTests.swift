import CloudDoctorModels
import Testing
@testable import LogTriage

@Suite("Ingest: multi-line events")
struct MultilineTests {
    @Test("a Java stack trace with Caused by joins its first line")
    func javaStackTrace() {
        let (events, stats) = ingest([
            "2026-11-27 17:20:53,123 ERROR [main] com.example.Api - request failed",
            "java.lang.IllegalStateException: pool closed",
            "\tat com.example.Pool.get(Pool.java:42)",
            "\tat com.example.Api.handle(Api.java:10)",
            "Caused by: java.net.SocketTimeoutException: Read timed out",
            "\t... 12 more",
            "2026-11-27 17:20:54,000 INFO [main] com.example.Api - next request",
        ])
        #expect(events.count == 2)
        #expect(events[0].message.hasPrefix("request failed\njava.lang.IllegalStateException"))
        #expect(events[0].message.contains("Caused by: java.net.SocketTimeoutException"))
        #expect(events[1].message == "next request")
        #expect(stats.continuationLines == 5)
    }

    @Test("a Python traceback joins the log line before it, up to the exception line")
    func pythonTraceback() {
        let (events, _) = ingest([
            "ERROR:app.db:query failed",
            "Traceback (most recent call last):",
            "  File \"/app/db.py\", line 3, in run",
            "    cursor.execute(sql)",
            "pymysql.err.OperationalError: (1040, 'Too many connections')",
            "INFO:app.web:GET / 200",
        ])
        #expect(events.count == 2)
        #expect(events[0].message.hasSuffix("pymysql.err.OperationalError: (1040, 'Too many connections')"))
        #expect(events[1].message == "GET / 200")
    }

    @Test("a Go panic with goroutine dump joins the panic line")
    func goPanic() {
        let (events, _) = ingest([
            "2026/11/27 17:20:53 panic: runtime error: invalid memory address or nil pointer dereference",
            "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a5c2e]",
            "",
            "goroutine 1 [running]:",
            "main.handler(...)",
            "\t/src/main.go:42 +0x2e",
            "2026/11/27 17:20:54 server restarted",
        ])
        #expect(events.count == 2)
        #expect(events[0].message.contains("goroutine 1 [running]:"))
        #expect(events[0].message.contains("/src/main.go:42"))
        #expect(events[1].message == "server restarted")
    }

    @Test("a line after a JSON line is its own event unless indented")
    func jsonLinesAreComplete() {
        let (events, _) = ingest([
            #"{"level":"info","time":1795800053000,"msg":"started"}"#,
            "Error: Error relocating /app/x.node: symbol not found",
            "    at Module.load (node:internal/modules/cjs/loader:1203:32)",
        ])
        #expect(events.count == 2)
        #expect(events[1].message.hasPrefix("Error: Error relocating"))
        #expect(events[1].message.contains("at Module.load"))
        #expect(events[1].level == .error)
    }
}
