import CloudDoctorModels
import Diagnosis
import Foundation
import LogTriage
import Testing

@Suite("Prescriptions against real Terraform")
struct PrescriptionTests {
    static let signatures = SignatureCatalog.all.map(\.id)

    /// Copies a Terraform tree into a temporary directory named like the original relative path.
    static func copy(_ source: URL, as relative: String) throws -> URL {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("doctor-patch-\(UUID().uuidString)")
        let target = work.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source, to: target)
        return work
    }

    static func prescribe(_ name: String, terraform: TerraformContext) async throws -> Diagnosis {
        let pack = try evidencePack(file: Repo.examples.appendingPathComponent("\(name).log").path)
        return await DiagnosisPipeline(terraform: terraform).diagnose(pack: pack).diagnosis
    }

    /// Applies every file patch with `patch -p1` (dry run first, then for real) and parses the result.
    static func applies(_ d: Diagnosis, in work: URL) throws {
        for file in d.prescription.files {
            let (dry, dryOut, dryErr) = try run("/usr/bin/patch", ["-p1", "--dry-run", "--forward", "-i", "-"], cwd: work, stdin: Data(file.diff.utf8))
            #expect(dry == 0, "patch --dry-run failed for \(file.path): \(dryOut) \(dryErr)\n\(file.diff)")
            let (real, _, _) = try run("/usr/bin/patch", ["-p1", "--forward", "-s", "-i", "-"], cwd: work, stdin: Data(file.diff.utf8))
            #expect(real == 0)
            let patched = try String(contentsOf: work.appendingPathComponent(file.path), encoding: .utf8)
            #expect(HCLParser().validate(patched) == nil, "\(file.path) does not parse after the patch")
            if let block = file.resultingBlock { #expect(patched.contains(block), "resulting block not in the patched file") }
        }
    }

    @Test("each signature's patch applies cleanly to the repository's infra/aws and still parses", arguments: signatures)
    func repoInfra(_ name: String) async throws {
        #expect(FileManager.default.fileExists(atPath: Repo.infra.path), "infra/aws is missing")
        let work = try Self.copy(Repo.infra, as: "infra/aws")
        defer { try? FileManager.default.removeItem(at: work) }
        let d = try await Self.prescribe(name, terraform: .load(directory: "infra/aws", base: work.path))
        #expect(d.signature == name)
        #expect(d.prescription.refusedReason == nil, "\(d.prescription.refusedReason ?? "")")
        #expect(!d.prescription.files.isEmpty || !d.prescription.explanation.contains("Changes:"))
        try Self.applies(d, in: work)
    }

    @Test("on fixture Terraform, values are followed through var. references to where they are set")
    func fixtureFollowsVariables() async throws {
        let work = try Self.copy(Repo.fixtures.appendingPathComponent("terraform"), as: "tf")
        defer { try? FileManager.default.removeItem(at: work) }
        let context = TerraformContext.load(directory: "tf", base: work.path)

        let oom = try await Self.prescribe("ecs-oom-killed", terraform: context)
        // memory = var.task_memory (module) ← module "svc" task_memory = var.memory_mb ← default 512 → 1024
        #expect(oom.prescription.files.map(\.path) == ["tf/main.tf"])
        #expect(oom.prescription.files.first?.diff.contains("+  default = 1024") == true)
        try Self.applies(oom, in: work)

        let conns = try await Self.prescribe("rds-too-many-connections", terraform: context)
        // parameter value = var.max_conns ← module "svc" max_conns = 150 → 300
        #expect(conns.prescription.files.first?.diff.contains("+  max_conns   = 300") == true, "\(conns.prescription.files.first?.diff ?? "")")

        let iam = try await Self.prescribe("iam-access-denied", terraform: context)
        let block = try #require(iam.prescription.files.first?.resultingBlock)
        #expect(block.contains("role = aws_iam_role.runtime.id"))
        #expect(block.contains("\"s3:PutObject\"") && block.contains("arn:aws:s3:::patient-exports-prod/exports"))
        #expect(!block.contains("*"))
        try Self.applies(iam, in: work)

        let health = try await Self.prescribe("ecs-health-check", terraform: context)
        #expect(health.prescription.files.first?.diff.contains("+    timeout = 10") == true)
        try Self.applies(health, in: work)
    }

    /// The three fixes that used to change nothing real (or the wrong thing): each now edits infra/aws.
    @Test("pool-exhausted, dependency-timeout and rds-failover each change infra/aws, and the diffs apply",
          arguments: [
              ("pool-exhausted", "infra/aws/variables.tf", "+  default     = 20"),
              ("dependency-timeout", "infra/aws/envs/dev.tfvars", "+single_nat_gateway       = false"),
              ("rds-failover", "infra/aws/envs/dev.tfvars", "+db_multi_az              = true"),
          ])
    func realChanges(_ name: String, _ path: String, _ line: String) async throws {
        let work = try Self.copy(Repo.infra, as: "infra/aws")
        defer { try? FileManager.default.removeItem(at: work) }
        let d = try await Self.prescribe(name, terraform: .load(directory: "infra/aws", base: work.path))
        #expect(d.signature == name)
        #expect(d.prescription.refusedReason == nil, "\(d.prescription.refusedReason ?? "")")
        let file = try #require(d.prescription.files.first { $0.path == path }, "\(d.prescription.explanation)")
        #expect(file.diff.contains(line), "\(file.diff)")
        try Self.applies(d, in: work)
    }

    /// Writes Terraform files under a temporary `tf/` directory and loads them.
    static func fixture(_ files: [String: String]) throws -> (URL, TerraformContext) {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("doctor-pool-\(UUID().uuidString)")
        for (path, text) in files {
            let url = work.appendingPathComponent("tf").appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return (work, TerraformContext.load(directory: "tf", base: work.path))
    }

    static let poolTerraform = [
        "main.tf": """
        module "app" {
          source = "./modules/app"
          environment_variables = {
            MYSQL_HOST      = "db.internal"
            MYSQL_POOL_SIZE = tostring(var.pool)
          }
          max_tasks = var.max_tasks
        }

        resource "aws_db_parameter_group" "db" {
          name   = "db"
          family = "mysql8.0"

          parameter {
            name  = "max_connections"
            value = var.max_conns
          }
        }

        variable "pool" {
          type    = number
          default = 10
        }

        variable "max_tasks" {
          type    = number
          default = 4
        }

        variable "max_conns" {
          type    = number
          default = 100
        }

        """,
        "modules/app/main.tf": """
        variable "environment_variables" {
          type = map(string)
        }

        variable "max_tasks" {
          type = number
        }

        resource "aws_appautoscaling_target" "app" {
          max_capacity       = var.max_tasks
          min_capacity       = 1
          resource_id        = "service/c/app"
          scalable_dimension = "ecs:service:DesiredCount"
          service_namespace  = "ecs"
        }

        """,
        "envs/big.tfvars": "max_tasks = 10\nmax_conns = 200\n",
        "envs/small.tfvars": "max_tasks = 2\nmax_conns = 100\n",
    ]

    @Test("the pool doubles where MYSQL_POOL_SIZE is set, and max_connections rises only where the task maximum would not fit")
    func poolAndMaxConnections() async throws {
        let (work, context) = try Self.fixture(Self.poolTerraform)
        defer { try? FileManager.default.removeItem(at: work) }
        let d = try await Self.prescribe("pool-exhausted", terraform: context)
        let diffs = Dictionary(uniqueKeysWithValues: d.prescription.files.map { ($0.path, $0.diff) })
        // var.pool default 10 → 20 (no .tfvars sets it)
        #expect(diffs["tf/main.tf"]?.contains("+  default = 20") == true, "\(diffs)")
        // big: 10 tasks × 20 = 200 > 80% of 200 → 250; small: 2 × 20 = 40 ≤ 80 → unchanged
        #expect(diffs["tf/envs/big.tfvars"]?.contains("+max_conns = 250") == true, "\(diffs)")
        #expect(diffs["tf/envs/small.tfvars"] == nil)
        #expect(d.prescription.explanation.contains("small.tfvars: 2 tasks × 20 connections = 40"))
        try Self.applies(d, in: work)
    }

    @Test("without MYSQL_POOL_SIZE in the Terraform, the prescription says to pass it instead of guessing a file")
    func poolWithoutVariable() async throws {
        var files = Self.poolTerraform
        files["main.tf"] = files["main.tf"]!.replacingOccurrences(of: "MYSQL_POOL_SIZE = tostring(var.pool)", with: "LOG_LEVEL       = \"info\"")
        let (work, context) = try Self.fixture(files)
        defer { try? FileManager.default.removeItem(at: work) }
        let d = try await Self.prescribe("pool-exhausted", terraform: context)
        #expect(d.prescription.files.isEmpty)
        #expect(d.prescription.explanation.contains("MYSQL_POOL_SIZE is not set from a Terraform variable"))
    }

    @Test("with no Terraform at all, the snippet to add is given and parses")
    func noTerraform() async throws {
        let d = try await Self.prescribe("alb-504", terraform: .empty)
        #expect(d.prescription.files.isEmpty)
        #expect(d.prescription.terraform.contains("idle_timeout = 120"))
        #expect(HCLParser().validate(d.prescription.terraform) == nil)
    }
}
