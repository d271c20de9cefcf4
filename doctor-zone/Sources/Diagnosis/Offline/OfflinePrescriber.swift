import CloudDoctorModels
import Foundation
import LogTriage

/// Writes the signature's fix against the repository's real Terraform: finds the resource by type,
/// follows `var.` references to where the value is set, edits in place, and returns unified diffs
/// with the resulting blocks. No network. With no Terraform to edit it returns the snippet to add.
public struct OfflinePrescriber: Prescriber {
    public let name = "offline"

    public init() {}

    public func prescribe(_ analysis: Analysis, pack: EvidencePack, terraform: TerraformContext) async throws -> Prescription {
        prescribeNow(analysis, pack: pack, terraform: terraform)
    }

    public func prescribeNow(_ analysis: Analysis, pack: EvidencePack, terraform: TerraformContext) -> Prescription {
        guard let id = analysis.signature, let signature = SignatureCatalog.signature(id: id) else {
            return Prescription(explanation: pack.hasIncident
                ? "No known signature, so no Terraform change is prescribed: a fix needs a diagnosis first."
                : "Nothing failed, so nothing to change.", terraform: "")
        }
        var plan = PatchPlan(context: terraform)
        for step in signature.fix { apply(step, signature: signature, pack: pack, plan: &plan) }
        let files = plan.filePatches()
        let blocks = files.compactMap(\.resultingBlock).filter { !$0.isEmpty } + plan.standalone
        var explanation = signature.remediation
        if !plan.changes.isEmpty { explanation += "\nChanges:\n" + plan.changes.map { "- \($0)" }.joined(separator: "\n") }
        if !plan.notes.isEmpty { explanation += "\nNotes:\n" + plan.notes.map { "- \($0)" }.joined(separator: "\n") }
        if terraform.files.isEmpty {
            explanation += "\n(No Terraform files were found\(terraform.directory.map { " in \($0)" } ?? ""); the snippet shows what to add.)"
        }
        return Prescription(explanation: explanation, terraform: blocks.joined(separator: "\n\n"), files: files)
    }

    // MARK: steps

    private func exists(_ step: FixStep, _ context: TerraformContext) -> Bool {
        switch step {
        case .attribute(let type, _, _), .nestedBlock(let type, _, _): !context.resources(type: type).isEmpty
        case .dbParameter: !context.resources(type: "aws_db_parameter_group").isEmpty
        case .leastPrivilegePolicy: !context.resources(type: "aws_iam_role").isEmpty
        case .httpsEgress: !context.resources(type: "aws_ecs_service").isEmpty
        case .connectionPool(let name, _): context.files.contains { $0.path.hasSuffix(".tf") && $0.text.contains(name) }
        case .rootVariable(_, let requires, _): !context.resources(type: requires).isEmpty
        case .firstOf(let steps): steps.contains { exists($0, context) }
        }
    }

    private func apply(_ step: FixStep, signature: FailureSignature, pack: EvidencePack, plan: inout PatchPlan) {
        let context = plan.context
        switch step {
        case .firstOf(let steps):
            if let first = steps.first(where: { exists($0, context) }) ?? steps.first {
                apply(first, signature: signature, pack: pack, plan: &plan)
            }

        case .attribute(let type, let name, let rule):
            guard let resource = context.resources(type: type).first else {
                let value = PatchPlan.apply(rule, to: "") ?? "null"
                plan.addStandalone("resource \"\(type)\" \"this\" {\n  \(name) = \(value)\n}",
                                   why: "no \(type) found in the Terraform: set \(name) = \(value) on it")
                return
            }
            setAttribute(resource, nested: [], name: name, rule: rule, plan: &plan)

        case .nestedBlock(let type, let blockType, let attributes):
            guard let resource = context.resources(type: type).first else {
                let inner = attributes.map { "    \($0.name) = \(PatchPlan.apply($0.rule, to: "") ?? "null")" }.joined(separator: "\n")
                plan.addStandalone("resource \"\(type)\" \"this\" {\n  \(blockType) {\n\(inner)\n  }\n}",
                                   why: "no \(type) found in the Terraform: add a \(blockType) block to it")
                return
            }
            let key = TerraformEditor.BlockPathKey(type: "resource", labels: resource.block.labels, nested: [])
            if resource.block.body.blocks(blockType).first != nil {
                for attribute in attributes {
                    setAttribute(resource, nested: [.init(type: blockType)], name: attribute.name, rule: attribute.rule, plan: &plan)
                }
            } else {
                let values = attributes.map { ($0.name, PatchPlan.apply($0.rule, to: "") ?? "null") }
                plan.addNestedBlock(path: resource.file.path, key: key, type: blockType, attributes: values,
                                    label: "\(resource.type).\(resource.name)")
            }

        case .dbParameter(let name, let rule):
            guard let group = context.resources(type: "aws_db_parameter_group").first else {
                let value = PatchPlan.apply(rule, to: "") ?? "null"
                plan.addStandalone("resource \"aws_db_parameter_group\" \"this\" {\n  parameter {\n    name  = \"\(name)\"\n    value = \"\(value)\"\n  }\n}",
                                   why: "no aws_db_parameter_group found in the Terraform")
                return
            }
            let step = TerraformEditor.NestedStep(type: "parameter", attribute: "name", value: name)
            if group.block.body.blocks.contains(where: { step.matches($0) }) {
                setAttribute(group, nested: [step], name: "value", rule: rule, plan: &plan, label: "\(group.type).\(group.name) \(name)")
            } else {
                let value = PatchPlan.apply(rule, to: "") ?? "null"
                plan.addNestedBlock(path: group.file.path, key: .init(type: "resource", labels: group.block.labels, nested: []),
                                    type: "parameter", attributes: [("name", "\"\(name)\""), ("value", value.hasPrefix("\"") ? value : "\"\(value)\"")],
                                    label: "\(group.type).\(group.name)")
            }

        case .leastPrivilegePolicy(let executionRole, let fallbackActions):
            leastPrivilege(executionRole: executionRole, fallbackActions: fallbackActions, signature: signature, pack: pack, plan: &plan)

        case .httpsEgress:
            httpsEgress(plan: &plan)

        case .connectionPool(let name, let rule):
            connectionPool(environment: name, rule: rule, plan: &plan)

        case .rootVariable(let name, let requires, let rule):
            guard !context.resources(type: requires).isEmpty else {
                plan.note("no \(requires) in the Terraform, so var.\(name) is left alone")
                return
            }
            guard let file = context.parsed.first(where: { _, body in
                body.blocks.contains { $0.type == "variable" && $0.labels == [name] }
            })?.file else {
                plan.note("no variable \"\(name)\" in the Terraform: set it to \(PatchPlan.apply(rule, to: "") ?? "?") where \(requires) is configured")
                return
            }
            let sites = ValueResolver(context: context).sites(for: ValueSite(
                path: file.path, locator: .attribute(.init(type: "variable", labels: [name], nested: []), name: "default"),
                current: "var.\(name)"))
            if sites.isEmpty { plan.note("var.\(name) has no literal value to change") }
            for site in sites { plan.set(site, rule: rule, label: "var.\(name)") }
        }
    }

    private func setAttribute(_ resource: TerraformResource, nested: [TerraformEditor.NestedStep], name: String, rule: ValueRule,
                              plan: inout PatchPlan, label: String? = nil) {
        var block = resource.block
        for step in nested {
            guard let inner = block.body.blocks.first(where: { step.matches($0) }) else { return }
            block = inner
        }
        let label = label ?? "\(resource.type).\(resource.name) \(name)"
        let key = TerraformEditor.BlockPathKey(type: "resource", labels: resource.block.labels, nested: nested)
        guard let attribute = block.body.attribute(name) else {
            // absent: add it with the rule's value
            plan.set(ValueSite(path: resource.file.path, locator: .attribute(key, name: name), current: ""), rule: rule, label: label)
            return
        }
        let here = ValueSite(path: resource.file.path, locator: .attribute(key, name: name), current: attribute.valueText)
        let sites = ValueResolver(context: plan.context).sites(for: here)
        if sites.isEmpty {
            if case .literal = rule {
                plan.set(here, rule: rule, label: label)
            } else {
                plan.note("\(label) is computed (\(attribute.valueText)); set it to follow: \(rule)")
            }
            return
        }
        for site in sites { plan.set(site, rule: rule, label: label) }
    }

    // MARK: IAM

    /// `… is not authorized to perform: ACTION on resource: ARN` → (ACTION, ARN).
    static func deniedPermissions(_ pack: EvidencePack) -> [(action: String, resource: String?)] {
        var out: [(String, String?)] = []
        for item in pack.items {
            let text = item.evidence.sample + "\n" + item.evidence.template
            for line in text.components(separatedBy: "\n") {
                guard let r = line.range(of: "not authorized to perform: ") else { continue }
                let rest = line[r.upperBound...]
                let action = String(rest.prefix { !$0.isWhitespace && $0 != "," && $0 != ")" })
                guard action.contains(":"), !action.contains("*"), !action.contains("<") else { continue }
                var resource: String?
                if let on = rest.range(of: " on resource: ") {
                    let arn = String(rest[on.upperBound...].prefix { !$0.isWhitespace && $0 != "," && $0 != "\"" && $0 != ")" })
                    if arn.hasPrefix("arn:"), !arn.contains("*"), !arn.contains("<") { resource = arn }
                }
                if !out.contains(where: { $0.0 == action && $0.1 == resource }) { out.append((action, resource)) }
            }
        }
        return out
    }

    static func arns(_ pack: EvidencePack, services: [String]) -> [String] {
        var out: [String] = []
        for item in pack.items {
            let text = item.evidence.sample
            var rest = text[...]
            while let r = rest.range(of: "arn:aws") {
                let arn = String(rest[r.lowerBound...].prefix { !$0.isWhitespace && !"\"',)".contains($0) })
                let parts = arn.split(separator: ":")
                if parts.count > 2, services.contains(String(parts[2])), !arn.contains("*"), !arn.contains("<"), !out.contains(arn) {
                    out.append(arn)
                }
                rest = rest[r.upperBound...]
            }
        }
        return out
    }

    private func leastPrivilege(executionRole: Bool, fallbackActions: [String], signature: FailureSignature, pack: EvidencePack,
                                plan: inout PatchPlan) {
        var grants = Self.deniedPermissions(pack)
        if grants.isEmpty, !fallbackActions.isEmpty {
            let arns = Self.arns(pack, services: ["secretsmanager", "kms", "ssm", "s3", "dynamodb", "sqs", "sns"])
            for action in fallbackActions {
                let service = action.split(separator: ":").first.map(String.init) ?? ""
                for arn in arns where arn.split(separator: ":").dropFirst(2).first.map(String.init) == service {
                    grants.append((action, arn))
                }
            }
        }
        let concrete = grants.compactMap { g in g.resource.map { (g.action, $0) } }
        guard !concrete.isEmpty else {
            plan.note("the logs name no action and resource ARN to grant; a least-privilege policy needs both, so none is written (never a wildcard)")
            return
        }
        // the role the task definition uses
        let attribute = executionRole ? "execution_role_arn" : "task_role_arn"
        var roleRef: String?
        var path: String?
        if let td = plan.context.resources(type: "aws_ecs_task_definition").first,
           let value = td.block.body.attribute(attribute)?.valueText,
           let match = value.range(of: #"aws_iam_role\.[A-Za-z0-9_-]+"#, options: .regularExpression) {
            roleRef = String(value[match])
            let roleName = String(roleRef!.dropFirst("aws_iam_role.".count))
            path = plan.context.resource(type: "aws_iam_role", name: roleName)?.file.path ?? td.file.path
        }
        var statements = ""
        var byResource: [(String, [String])] = []
        for (action, resource) in concrete {
            if let i = byResource.firstIndex(where: { $0.0 == resource }) {
                if !byResource[i].1.contains(action) { byResource[i].1.append(action) }
            } else {
                byResource.append((resource, [action]))
            }
        }
        for (resource, actions) in byResource {
            statements += """
                  {
                    Effect   = "Allow"
                    Action   = [\(actions.map { "\"\($0)\"" }.joined(separator: ", "))]
                    Resource = ["\(resource)"]
                  },

            """
        }
        let name = "doctor_\(signature.id.replacingOccurrences(of: "-", with: "_"))"
        let block = """
        resource "aws_iam_role_policy" "\(name)" {
          name = "\(signature.id)-least-privilege"
          role = \(roleRef.map { "\($0).id" } ?? "aws_iam_role.task.id")
          policy = jsonencode({
            Version = "2012-10-17"
            Statement = [
        \(statements)    ]
          })
        }

        """
        if let path {
            plan.append(path: path, block: block, label: "new aws_iam_role_policy.\(name) granting \(concrete.map(\.0).joined(separator: ", "))")
        } else {
            plan.addStandalone(block, why: "no ECS task definition found: attach this policy to the role that made the call")
        }
    }

    // MARK: connection pool

    /// Where the container environment variable `name` gets its value: `NAME = var.x` or
    /// `NAME = tostring(var.x)` in a module call or task definition, followed to the literals.
    static func environmentSites(_ name: String, context: TerraformContext) -> [ValueSite]? {
        let pattern = "\"?\(NSRegularExpression.escapedPattern(for: name))\"?\\s*[=:]\\s*(?:tostring\\(\\s*)?(var\\.[A-Za-z0-9_-]+)"
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        for file in context.files where file.path.hasSuffix(".tf") {
            let range = NSRange(file.text.startIndex..., in: file.text)
            guard let match = regex.firstMatch(in: file.text, range: range),
                  let reference = Range(match.range(at: 1), in: file.text) else { continue }
            let site = ValueSite(path: file.path, locator: .topLevel(name: name), current: String(file.text[reference]))
            return ValueResolver(context: context).sites(for: site)
        }
        return nil
    }

    /// The literal sites behind an attribute of the first resource of `type` (optionally inside a nested block).
    private static func attributeSites(type: String, nested: TerraformEditor.NestedStep? = nil, name: String,
                                       context: TerraformContext) -> [ValueSite] {
        guard let resource = context.resources(type: type).first else { return [] }
        var block = resource.block
        if let nested {
            guard let inner = block.body.blocks.first(where: { nested.matches($0) }) else { return [] }
            block = inner
        }
        guard let attribute = block.body.attribute(name) else { return [] }
        let key = TerraformEditor.BlockPathKey(type: "resource", labels: resource.block.labels, nested: nested.map { [$0] } ?? [])
        return ValueResolver(context: context).sites(
            for: ValueSite(path: resource.file.path, locator: .attribute(key, name: name), current: attribute.valueText))
    }

    private func connectionPool(environment name: String, rule: ValueRule, plan: inout PatchPlan) {
        let context = plan.context
        guard let poolSites = Self.environmentSites(name, context: context), !poolSites.isEmpty else {
            let value = PatchPlan.apply(rule, to: "") ?? "?"
            plan.addStandalone("# in the patient-api task's environment:\n# \(name) = \"\(value)\"",
                               why: "\(name) is not set from a Terraform variable: pass it to the task (\(value)) so the pool can be sized per environment")
            return
        }
        // the new pool size per site (a .tfvars file, or the variable default every environment shares)
        var newPool: [String: Double] = [:]
        for site in poolSites {
            plan.set(site, rule: rule, label: "\(name) (var pool size)")
            if let value = PatchPlan.apply(rule, to: site.current), let n = HCLLiteral(source: value).flatMap(Self.number) { newPool[site.path] = n }
        }
        let shared = poolSites.first { !$0.path.hasSuffix(".tfvars") }.flatMap { newPool[$0.path] }
        // max_connections must hold every task's pool at the autoscaling maximum, under the 80% alarm
        let maxConnections = Self.attributeSites(type: "aws_db_parameter_group",
                                                 nested: .init(type: "parameter", attribute: "name", value: "max_connections"),
                                                 name: "value", context: context)
        let maxTasks = Self.attributeSites(type: "aws_appautoscaling_target", name: "max_capacity", context: context)
        let sharedTasks = maxTasks.first { !$0.path.hasSuffix(".tfvars") }
        for site in maxConnections {
            guard let current = HCLLiteral(source: site.current).flatMap(Self.number),
                  let pool = newPool[site.path] ?? shared,
                  let tasks = (maxTasks.first { $0.path == site.path } ?? sharedTasks).flatMap({ HCLLiteral(source: $0.current) })
                    .flatMap(Self.number) else { continue }
            let needed = pool * tasks
            let where_ = site.path.split(separator: "/").last.map(String.init) ?? site.path
            if needed > current * 0.8 {
                let raised = (needed / 0.8 / 10).rounded(.up) * 10
                plan.set(site, rule: .literal(String(Int(raised))), label: "max_connections for \(Int(tasks)) tasks × \(Int(pool)) connections")
            } else {
                plan.note("\(where_): \(Int(tasks)) tasks × \(Int(pool)) connections = \(Int(needed)), within 80% of max_connections \(Int(current))")
            }
        }
    }

    private static func number(_ literal: HCLLiteral) -> Double? {
        switch literal {
        case .number(let d): d
        case .string(let s): Double(s)
        default: nil
        }
    }

    // MARK: egress

    private func httpsEgress(plan: inout PatchPlan) {
        let context = plan.context
        let has443: (HCLBlock) -> Bool = { b in b.body.attribute("from_port")?.literal?.stringValue == "443" }
        let existing = context.resources(type: "aws_vpc_security_group_egress_rule", where: has443)
            + context.resources(type: "aws_security_group_rule", where: { has443($0) && $0.body.attribute("type")?.literal?.stringValue == "egress" })
            + context.resources(type: "aws_security_group", where: { $0.body.blocks("egress").contains(where: has443) })
        if let rule = existing.first {
            plan.note("HTTPS egress is already allowed (\(rule.type).\(rule.name) in \(rule.file.path)); check the route to the NAT gateway and the dependency itself")
            return
        }
        guard let service = context.resources(type: "aws_ecs_service").first else { return }
        var groupRef = "aws_security_group.tasks.id"
        if let text = Optional(service.text), let m = text.range(of: #"aws_security_group\.[A-Za-z0-9_-]+\.id"#, options: .regularExpression) {
            groupRef = String(text[m])
        }
        let block = """
        resource "aws_vpc_security_group_egress_rule" "doctor_https" {
          security_group_id = \(groupRef)
          description       = "HTTPS to dependencies"
          cidr_ipv4         = "0.0.0.0/0"
          from_port         = 443
          to_port           = 443
          ip_protocol       = "tcp"
        }

        """
        plan.append(path: service.file.path, block: block, label: "new HTTPS egress rule for the tasks")
    }
}
