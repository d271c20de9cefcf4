import Testing
@testable import LogTriage

@Suite("Redaction")
struct RedactionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var input: String
        var secret: String
        var placeholder: String
        var testDescription: String { placeholder + ": " + input }
    }

    static let cases: [Case] = [
        Case(input: "login by alice.smith+test@example.co.uk failed", secret: "alice.smith+test@example.co.uk", placeholder: "<EMAIL>"),
        Case(input: "using key AKIAIOSFODNN7EXAMPLE for upload", secret: "AKIAIOSFODNN7EXAMPLE", placeholder: "<AWS_KEY>"),
        Case(input: "aws_secret_access_key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY done", secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", placeholder: "<AWS_SECRET>"),
        Case(input: "Authorization: Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0", secret: "9f8e7d6c5b4a39281706f5e4d3c2b1a0", placeholder: "<TOKEN>"),
        Case(input: "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk4 rejected",
             secret: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk4", placeholder: "<JWT>"),
        Case(input: "connecting to mysql://app:s3cr3t-Pa55@db.internal:3306/patient", secret: "s3cr3t-Pa55", placeholder: "<PASSWORD>"),
        Case(input: "login attempt password=hunter2horse&next=/", secret: "hunter2horse", placeholder: "<PASSWORD>"),
        Case(input: #"{"user":"x","password":"correct horse battery"}"#, secret: "correct horse battery", placeholder: "<PASSWORD>"),
        Case(input: "config api_key=sk_live_abcdef123456 loaded", secret: "sk_live_abcdef123456", placeholder: "<SECRET>"),
        Case(input: "client 203.0.113.45:51234 disconnected", secret: "203.0.113.45", placeholder: "<IP>"),
        Case(input: "peer 2001:db8:85a3::8a2e:370:7334 reset", secret: "2001:db8:85a3::8a2e:370:7334", placeholder: "<IP>"),
        Case(input: "charge card 4111 1111 1111 1111 declined", secret: "4111 1111 1111 1111", placeholder: "<CARD>"),
        Case(input: "charge card 5500-0000-0000-0004 declined", secret: "5500-0000-0000-0004", placeholder: "<CARD>"),
        Case(input: "session X-Api-Key: Zk3p9QmW7rT2vY8uB4nL6cD1 expired", secret: "Zk3p9QmW7rT2vY8uB4nL6cD1", placeholder: "<SECRET>"),
    ]

    @Test("each kind of secret becomes its typed placeholder", arguments: cases)
    func redacts(_ c: Case) {
        let out = Redactor().redact(c.input)
        #expect(!out.contains(c.secret), "\(out)")
        #expect(out.contains(c.placeholder), "\(out)")
    }

    static let harmless = [
        "GET /api/users/me 200 in 3.2 ms",
        "started at 2026-11-27T17:20:53.123Z after 17:20:53",
        "version 1.2.3.4.5 deployed",
        "request id 1795800053123 done",
        "sha 3f786850e387550fdab836ed7e6dc881de23001b",
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:patient-api/db-Ab12Cd",
        "token expired, please log in again",
    ]

    @Test("ordinary log text is left alone", arguments: harmless)
    func leavesOrdinaryText(_ text: String) {
        #expect(Redactor().redact(text) == text)
    }

    @Test("IP redaction can be switched off; the rest still applies")
    func ipsConfigurable() {
        let r = Redactor(options: .init(ipAddresses: false))
        #expect(r.redact("from 10.1.2.3 by bob@example.com") == "from 10.1.2.3 by <EMAIL>")
    }

    @Test("templates mined from redacted lines group different secrets together")
    func templatesGroup() {
        var engine = TriageEngine()
        for user in ["ann@example.com", "bob@example.org", "carl@example.net"] {
            engine.add(.init(level: .error, message: "login failed for \(user)"))
        }
        let pack = engine.finish(source: "t")
        #expect(pack.items.count == 1)
        #expect(pack.items.first?.evidence.count == 3)
        #expect(pack.items.first?.evidence.template.contains("@") == false)
    }
}
