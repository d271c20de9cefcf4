import Diagnosis
import Foundation
import Testing

@Suite("HCL reader")
struct HCLTests {
    @Test("blocks, labels, attributes and literals are read with their source ranges")
    func readsStructure() throws {
        let text = """
        # comment
        resource "aws_lb" "front" {
          name         = "front" // trailing comment
          idle_timeout = 60
          enabled      = true
          tags         = merge(var.tags, { Name = "x-${var.env}" })
          /* block
             comment */
          access_logs {
            bucket  = aws_s3_bucket.logs.id
            enabled = false
          }
        }
        locals {
          ports = [for p in var.ports : p + 1 if p > 0]
          m     = { for k, v in var.m : k => v... }
          s     = var.a == null ? "none" : "${var.a}"
          doc   = <<-EOT
            hello ${var.b}
          EOT
        }
        """
        let body = try HCLParser().parse(text)
        let lb = try #require(body.blocks.first)
        #expect(lb.type == "resource" && lb.labels == ["aws_lb", "front"])
        #expect(lb.body.attribute("idle_timeout")?.literal == .number(60))
        #expect(lb.body.attribute("name")?.literal == .string("front"))
        #expect(lb.body.attribute("enabled")?.literal == .bool(true))
        #expect(lb.body.attribute("tags")?.literal == nil)
        #expect(lb.body.blocks("access_logs").first?.body.attribute("enabled")?.literal == .bool(false))
        let a = try #require(lb.body.attribute("idle_timeout"))
        #expect(String(decoding: Array(text.utf8)[a.valueRange], as: UTF8.self) == "60")
        #expect(body.blocks[1].body.attributes.map(\.name) == ["ports", "m", "s", "doc"])
    }

    static let invalid: [String] = [
        "resource \"a\" \"b\" {\n  x = \n}\n",
        "resource \"a\" \"b\" {\n  x = 1\n",
        "x = [1, 2\n",
        "x = \"unterminated\n",
        "x = 1 +\n",
        "resource \"a\" \"b\" {\n  x = 1 y = 2\n}\n",
        "}\n",
        "x = { a = }\n",
        "x = <<EOT\nno end\n",
    ]

    @Test("malformed HCL is rejected with a line number", arguments: invalid)
    func rejects(_ text: String) {
        let error = HCLParser().validate(text)
        #expect(error != nil)
        #expect((error?.line ?? 0) >= 1)
    }

    @Test("every .tf and .tfvars file of the repository's infra/aws parses")
    func repositoryInfraParses() throws {
        let context = TerraformContext.load(directory: Repo.infra.path)
        #expect(context.files.count >= 10, "infra/aws has no Terraform yet")
        #expect(context.problems.isEmpty, "\(context.problems)")
        #expect(!context.resources(type: "aws_ecs_task_definition").isEmpty)
        #expect(!context.resources(type: "aws_db_parameter_group").isEmpty)
        #expect(!context.resources(type: "aws_lb_target_group").isEmpty)
    }

    @Test("editing keeps the file's style: aligned '=' and indentation, the rest byte for byte")
    func editorKeepsStyle() throws {
        let text = "resource \"aws_lb\" \"x\" {\n  name         = \"x\"\n  idle_timeout = 60\n}\n\nresource \"aws_vpc\" \"v\" {\n\tcidr_block = \"10.0.0.0/16\"\n}\n"
        var editor = TerraformEditor(text: text)
        try editor.setAttribute(.init(type: "resource", labels: ["aws_lb", "x"]), name: "idle_timeout", value: "30")
        try editor.setAttribute(.init(type: "resource", labels: ["aws_lb", "x"]), name: "drop", value: "true")
        try editor.setAttribute(.init(type: "resource", labels: ["aws_vpc", "v"]), name: "enable_dns_support", value: "true")
        try editor.addBlock(.init(type: "resource", labels: ["aws_lb", "x"]), type: "access_logs", attributes: [("enabled", "true"), ("bucket", "\"b\"")])
        #expect(editor.text == """
        resource "aws_lb" "x" {
          name         = "x"
          idle_timeout = 30
          drop         = true

          access_logs {
            enabled = true
            bucket  = "b"
          }
        }

        resource "aws_vpc" "v" {
        \tcidr_block = "10.0.0.0/16"
        \tenable_dns_support = true
        }

        """)
        #expect(HCLParser().validate(editor.text) == nil)
    }
}
