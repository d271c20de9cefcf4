output "cluster_name" {
  description = "ECS cluster name."
  value       = aws_ecs_cluster.this.name
}

output "service_name" {
  description = "ECS service name."
  value       = aws_ecs_service.app.name
}

output "task_family" {
  description = "Task definition family."
  value       = aws_ecs_task_definition.app.family
}

output "container_name" {
  description = "Name of the patient-api container."
  value       = var.container_name
}

output "log_group_name" {
  description = "CloudWatch log group of the patient-api containers."
  value       = aws_cloudwatch_log_group.app.name
}

output "log_group_arn" {
  description = "ARN of the patient-api log group."
  value       = aws_cloudwatch_log_group.app.arn
}

output "execution_role_arn" {
  description = "Task execution role ARN (deploys pass it when registering revisions)."
  value       = aws_iam_role.execution.arn
}

output "task_role_arn" {
  description = "Task role ARN (deploys pass it when registering revisions)."
  value       = aws_iam_role.task.arn
}

output "security_group_id" {
  description = "Security group of the tasks."
  value       = aws_security_group.tasks.id
}
