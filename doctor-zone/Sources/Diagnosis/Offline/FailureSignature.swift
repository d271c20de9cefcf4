import CloudDoctorModels

/// A known failure: how to recognise it in evidence, what it means, and what to change.
/// Terms are lower-case substrings matched against each evidence item's template and redacted sample.
public struct FailureSignature: Sendable {
    public var id: String
    public var title: String
    public var severity: Severity
    /// Every group must be matched by some evidence item (any one term of the group).
    public var required: [[String]]
    /// Terms that add confidence when some evidence item has them.
    public var supporting: [String]
    /// Terms that rule the signature out when any evidence item has them.
    public var excluded: [String]
    /// How specific the terms are: breaks ties between signatures that match the same evidence.
    public var specificity: Double
    public var baseConfidence: Double
    public var summary: String
    public var rootCause: String
    public var remediation: String
    public var fix: [FixStep]

    public init(id: String, title: String, severity: Severity, required: [[String]], supporting: [String] = [],
                excluded: [String] = [], specificity: Double = 1, baseConfidence: Double = 0.75, summary: String,
                rootCause: String, remediation: String, fix: [FixStep]) {
        self.id = id
        self.title = title
        self.severity = severity
        self.required = required
        self.supporting = supporting
        self.excluded = excluded
        self.specificity = specificity
        self.baseConfidence = baseConfidence
        self.summary = summary
        self.rootCause = rootCause
        self.remediation = remediation
        self.fix = fix
    }
}

/// How a new value is computed from the current one.
public enum ValueRule: Sendable, Hashable {
    /// Exactly this HCL value (e.g. `true`, `"DNS"`, `30`).
    case literal(String)
    /// Current × factor, at least `minimum`, at most `maximum`, rounded to a multiple of `step`.
    case scale(factor: Double, minimum: Double, maximum: Double, step: Double = 1)
    /// The next larger RDS/EC2 instance size (`db.t3.micro` → `db.t3.small`).
    case nextInstanceSize
}

/// One change a signature prescribes. Resources are found by type (never by name), and a value
/// that is a `var.` reference is followed to where it is set (module call, variable default, `.tfvars`).
public enum FixStep: Sendable, Hashable {
    /// Set an attribute of the first resource of `type` (first in file order).
    case attribute(type: String, name: String, rule: ValueRule)
    /// Ensure a nested block (e.g. `health_check`, `deployment_circuit_breaker`) has these attributes.
    case nestedBlock(type: String, block: String, attributes: [NamedRule])
    /// Set (or add) a `parameter { name = … value = … }` in the `aws_db_parameter_group`.
    case dbParameter(name: String, rule: ValueRule)
    /// Add an `aws_iam_role_policy` granting exactly the actions and resources the evidence names
    /// (`is not authorized to perform: ACTION on resource: ARN`), on the ECS task (or execution) role.
    case leastPrivilegePolicy(executionRole: Bool, fallbackActions: [String])
    /// Allow HTTPS egress from the ECS tasks' security group, unless a rule already does.
    case httpsEgress
    /// Resize the app's database connection pool: the container environment variable `environment`
    /// (e.g. `MYSQL_POOL_SIZE`) is followed to the Terraform variable that sets it; then, per environment,
    /// `max_connections` of the `aws_db_parameter_group` is raised where the autoscaling maximum × the new
    /// pool would pass 80% of it (the connections alarm's threshold).
    case connectionPool(environment: String, rule: ValueRule)
    /// Set a root-module variable (where `.tfvars` set it, else its default) when `requires` (a resource
    /// type) exists: for values that only reach resources through expressions (`count = var.x ? 1 : 2`).
    case rootVariable(name: String, requires: String, rule: ValueRule)
    /// The first of these steps whose resource exists.
    case firstOf([FixStep])
}

public struct NamedRule: Sendable, Hashable {
    public var name: String
    public var rule: ValueRule
    public init(_ name: String, _ rule: ValueRule) {
        self.name = name
        self.rule = rule
    }
}
