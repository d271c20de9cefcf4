import Foundation
import Hummingbird
import MySQL
import PatientAPI
import Testing

@Suite struct OpenAPIDocumentTests {
    /// `METHOD /path` pairs under `paths:` (two-space path keys, four-space method keys).
    static func documentedRoutes(_ yaml: String) -> Set<String> {
        var routes = Set<String>()
        var inPaths = false
        var path: String?
        let methods: Set<String> = ["get", "post", "put", "patch", "delete", "head", "options"]
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" ") { inPaths = line.hasPrefix("paths:"); continue }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":") {
                path = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), let path {
                let key = line.trimmingCharacters(in: .whitespaces).dropLast()
                if line.hasSuffix(":"), methods.contains(String(key)) { routes.insert("\(key.uppercased()) \(path)") }
            }
        }
        return routes
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedRouteExists() throws {
        let api = try PatientAPIApplication(
            configuration: TestAPI.configuration(mysql: MySQLConfiguration()), logger: .init(label: "test"))
        let served = Set(api.router().routes.map { "\($0.method) \($0.path)" })
        let document = String(decoding: PatientAPIApplication.openAPIDocument(), as: UTF8.self)
        #expect(document.hasPrefix("openapi: 3.1"))
        let documented = Self.documentedRoutes(document)
        #expect(served.count >= 9)
        #expect(served.subtracting(documented).isEmpty, "served but not documented: \(served.subtracting(documented))")
        #expect(documented.subtracting(served).isEmpty, "documented but not served: \(documented.subtracting(served))")
    }
}
