# Fixture: a small root module with the resources the prescriptions touch, named unlike infra/aws.
module "svc" {
  source      = "./modules/svc"
  task_memory = var.memory_mb
  max_conns   = 150
}

variable "memory_mb" {
  type    = number
  default = 512
}

resource "aws_db_instance" "primary" {
  identifier            = "fixture"
  instance_class        = "db.t3.micro"
  allocated_storage     = 20
  max_allocated_storage = 40
  multi_az              = false
  storage_encrypted     = true
  deletion_protection   = true
}

resource "aws_lb" "front" {
  name         = "front"
  idle_timeout = 60
}

resource "aws_lb_target_group" "tg" {
  name = "tg"
  port = 8080

  health_check {
    path    = "/healthz"
    timeout = 2
  }
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
