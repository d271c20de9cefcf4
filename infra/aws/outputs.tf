# Every output a workflow or the Doctor Zone consumes is listed in infra/README.md.

output "aws_region" {
  description = "Region of the Patient Zone."
  value       = var.aws_region
}

output "ecr_repository_url" {
  description = "ECR repository URL of the patient-api image."
  value       = module.ecr.repository_url
}

output "ecr_repository_name" {
  description = "ECR repository name of the patient-api image."
  value       = module.ecr.repository_name
}

output "ecs_cluster_name" {
  description = "ECS cluster name."
  value       = module.ecs_service.cluster_name
}

output "ecs_service_name" {
  description = "ECS service name."
  value       = module.ecs_service.service_name
}

output "ecs_task_family" {
  description = "Task definition family of patient-api."
  value       = module.ecs_service.task_family
}

output "ecs_container_name" {
  description = "Container name of patient-api in the task definition."
  value       = module.ecs_service.container_name
}

output "app_log_group_name" {
  description = "CloudWatch log group of patient-api (DOCTOR_LOG_GROUP); the alarms watch it."
  value       = module.ecs_service.log_group_name
}

output "site_bucket_name" {
  description = "S3 bucket of the web front end."
  value       = module.web.site_bucket_name
}

output "cloudfront_distribution_id" {
  description = "CloudFront distribution id (invalidations)."
  value       = module.web.distribution_id
}

output "cloudfront_domain_name" {
  description = "CloudFront domain name."
  value       = module.web.distribution_domain_name
}

output "alb_dns_name" {
  description = "DNS name of the load balancer."
  value       = module.alb.alb_dns_name
}

output "github_deploy_role_arn" {
  description = "Role GitHub Actions assumes for application deploys."
  value       = module.github_oidc.deploy_role_arn
}

output "github_terraform_plan_role_arn" {
  description = "Role GitHub Actions assumes for terraform plan."
  value       = module.github_oidc.terraform_plan_role_arn
}

output "github_terraform_apply_role_arn" {
  description = "Role GitHub Actions assumes for terraform apply."
  value       = module.github_oidc.terraform_apply_role_arn
}

output "doctor_bridge_role_arn" {
  description = "Role the Doctor assumes with its Google ID token (AWS_ROLE_ARN on Cloud Run)."
  value       = module.doctor_bridge.role_arn
}

output "alerts_topic_arn" {
  description = "SNS topic the alarms notify."
  value       = module.observability.topic_arn
}

output "db_endpoint" {
  description = "host:port of the database."
  value       = module.database.endpoint
}

output "db_master_secret_arn" {
  description = "Secrets Manager ARN of the RDS-managed master credentials."
  value       = module.database.master_secret_arn
}
