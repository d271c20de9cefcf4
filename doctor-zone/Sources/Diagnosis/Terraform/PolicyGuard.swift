import Foundation

/// Checks every proposed Terraform change, whoever wrote it, and refuses one that widens exposure:
/// ingress from the whole internet to a database or admin port, `*` IAM actions or resources,
/// disabling encryption, deletion protection, backups or logging, public S3.
/// Only what the change *introduces* counts: a problem already in the current block is not blamed on it.
public struct PolicyGuard: Sendable {
    public struct Violation: Sendable, Hashable, CustomStringConvertible {
        public var rule: String
        public var detail: String
        public var description: String { "\(rule): \(detail)" }
    }

    public static let sensitivePorts: [Int: String] = [
        22: "SSH", 23: "telnet", 135: "RPC", 445: "SMB", 3389: "RDP", 5900: "VNC", 3306: "MySQL", 5432: "PostgreSQL",
        1433: "SQL Server", 1521: "Oracle", 27017: "MongoDB", 6379: "Redis", 9200: "Elasticsearch", 9300: "Elasticsearch",
        11211: "memcached", 5439: "Redshift", 2375: "Docker", 2376: "Docker", 2379: "etcd", 8500: "Consul",
    ]

    public init() {}

    /// The violations `proposed` introduces compared with `current` (nil: nothing to compare with).
    /// Text that does not parse is itself a violation (it is never shown as valid).
    public func check(proposed: String, current: String? = nil) -> [Violation] {
        let body: HCLBody
        do {
            body = try HCLParser().parse(proposed)
        } catch {
            return [Violation(rule: "invalid-hcl", detail: "the Terraform does not parse (\(error))")]
        }
        let found = violations(body, text: proposed)
        guard let current, let currentBody = try? HCLParser().parse(current) else { return found }
        let existing = Set(violations(currentBody, text: current))
        return found.filter { !existing.contains($0) }
    }

    func violations(_ body: HCLBody, text: String) -> [Violation] {
        var out: [Violation] = []
        walk(body) { block, context in out += self.check(block: block, context: context) }
        out += iamWildcards(text)
        var seen = Set<Violation>()
        return out.filter { seen.insert($0).inserted }
    }

    /// Visits every block with the resource type it sits in.
    private func walk(_ body: HCLBody, context: String = "", _ visit: (HCLBlock, String) -> Void) {
        for block in body.blocks {
            let ctx = block.type == "resource" || block.type == "data" ? (block.labels.first ?? "") : context
            visit(block, ctx)
            walk(block.body, context: ctx, visit)
        }
    }

    private func value(_ block: HCLBlock, _ name: String) -> String? {
        block.body.attribute(name).map { $0.literal?.stringValue ?? $0.valueText }
    }

    private func check(block: HCLBlock, context: String) -> [Violation] {
        var out: [Violation] = []
        let name = block.labels.count > 1 ? "\(block.labels[0]).\(block.labels[1])" : (block.labels.first ?? block.type)
        // ingress open to the world
        let isIngress = block.type == "ingress"
            || (context == "aws_security_group_rule" && block.type == "resource" && value(block, "type") == "ingress")
            || (context == "aws_vpc_security_group_ingress_rule" && block.type == "resource")
        if isIngress {
            let cidrs = ["cidr_blocks", "ipv6_cidr_blocks", "cidr_ipv4", "cidr_ipv6"].compactMap { block.body.attribute($0)?.valueText }.joined(separator: " ")
            if cidrs.contains("0.0.0.0/0") || cidrs.contains("::/0") {
                let protocolText = value(block, "protocol") ?? value(block, "ip_protocol") ?? "tcp"
                let from = value(block, "from_port").flatMap { Int($0) }
                let to = value(block, "to_port").flatMap { Int($0) } ?? from
                let allPorts = protocolText == "-1" || protocolText == "all"
                let exposed: [String]
                if allPorts {
                    exposed = ["all ports"]
                } else if let from, let to {
                    exposed = Self.sensitivePorts.filter { $0.key >= from && $0.key <= to }.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }
                } else {
                    exposed = ["ports it cannot tell"]
                }
                if !exposed.isEmpty {
                    out.append(Violation(rule: "open-ingress", detail: "\(name) opens \(exposed.joined(separator: ", ")) to the whole internet"))
                }
            }
        }
        // protections switched off
        let off: [(String, String, String)] = [
            ("storage_encrypted", "false", "disables storage encryption"),
            ("encrypted", "false", "disables encryption"),
            ("enable_key_rotation", "false", "disables KMS key rotation"),
            ("deletion_protection", "false", "disables deletion protection"),
            ("enable_deletion_protection", "false", "disables deletion protection"),
            ("skip_final_snapshot", "true", "skips the final snapshot"),
            ("backup_retention_period", "0", "disables automated backups"),
            ("publicly_accessible", "true", "makes the database publicly accessible"),
            ("enable_logging", "false", "disables logging"),
            ("is_logging", "false", "disables logging"),
            ("block_public_acls", "false", "allows public S3 ACLs"),
            ("block_public_policy", "false", "allows public S3 bucket policies"),
            ("ignore_public_acls", "false", "honours public S3 ACLs"),
            ("restrict_public_buckets", "false", "allows public S3 buckets"),
        ]
        for (attribute, bad, why) in off where value(block, attribute) == bad {
            out.append(Violation(rule: "protection-disabled", detail: "\(name) \(why) (\(attribute) = \(bad))"))
        }
        if block.type == "access_logs" || block.type == "logging" || block.type == "log_configuration", value(block, "enabled") == "false" {
            out.append(Violation(rule: "protection-disabled", detail: "\(name) disables logging (\(block.type) enabled = false)"))
        }
        if let exports = block.body.attribute("enabled_cloudwatch_logs_exports"), exports.valueText.filter({ !$0.isWhitespace }) == "[]" {
            out.append(Violation(rule: "protection-disabled", detail: "\(name) turns off log exports"))
        }
        if let acl = value(block, "acl"), ["public-read", "public-read-write", "authenticated-read"].contains(acl) {
            out.append(Violation(rule: "public-s3", detail: "\(name) sets a public ACL (\(acl))"))
        }
        if block.type == "principals", value(block, "identifiers")?.contains("\"*\"") == true {
            out.append(Violation(rule: "public-s3", detail: "policy grants to every principal (*)"))
        }
        return out
    }

    private static let wildcardPatterns: [(String, NSRegularExpression)] = [
        ("iam-wildcard-action", #"(?i)"?\b(not_?)?actions?"?\s*[:=]\s*\[?[^\]\n]*"(\*|[a-z0-9-]+:\*)""#),
        ("iam-wildcard-resource", #"(?i)"?\b(not_?)?resources?"?\s*[:=]\s*\[?[^\]\n]*"\*""#),
        ("public-s3", #"(?i)"?\bprincipal"?\s*[:=]\s*(\{\s*"?aws"?\s*[:=]\s*)?"\*""#),
    ].map { ($0.0, try! NSRegularExpression(pattern: $0.1)) } // swiftlint:disable:this force_try — constant patterns

    private func iamWildcards(_ text: String) -> [Violation] {
        let range = NSRange(text.startIndex..., in: text)
        return Self.wildcardPatterns.compactMap { rule, regex in
            guard let m = regex.firstMatch(in: text, range: range), let r = Range(m.range, in: text) else { return nil }
            let detail = switch rule {
            case "iam-wildcard-action": "grants every action (\(text[r].trimmingCharacters(in: .whitespaces)))"
            case "iam-wildcard-resource": "grants on every resource (\(text[r].trimmingCharacters(in: .whitespaces)))"
            default: "grants to every principal (\(text[r].trimmingCharacters(in: .whitespaces)))"
            }
            return Violation(rule: rule, detail: detail)
        }
    }
}
