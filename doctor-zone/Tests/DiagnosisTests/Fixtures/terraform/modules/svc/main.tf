variable "task_memory" {
  type = number
}

variable "max_conns" {
  type    = number
  default = 100
}

resource "aws_iam_role" "runtime" {
  name               = "runtime"
  assume_role_policy = "{}"
}

resource "aws_iam_role" "exec" {
  name               = "exec"
  assume_role_policy = "{}"
}

resource "aws_ecs_task_definition" "service" {
  family             = "svc"
  cpu                = 256
  memory             = var.task_memory
  task_role_arn      = aws_iam_role.runtime.arn
  execution_role_arn = aws_iam_role.exec.arn
  container_definitions = jsonencode([
    { name = "app", image = "app:1", essential = true }
  ])
}

resource "aws_ecs_service" "service" {
  name            = "svc"
  task_definition = aws_ecs_task_definition.service.arn
  desired_count   = 1

  network_configuration {
    subnets         = ["subnet-1"]
    security_groups = [aws_security_group.svc.id]
  }
}

resource "aws_security_group" "svc" {
  name = "svc"
}

resource "aws_db_parameter_group" "pg" {
  name   = "pg"
  family = "mysql8.0"

  parameter {
    name  = "max_connections"
    value = var.max_conns
  }
}
