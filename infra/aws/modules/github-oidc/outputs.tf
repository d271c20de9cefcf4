output "provider_arn" {
  description = "ARN of the GitHub Actions OIDC provider."
  value       = local.provider_arn
}

output "deploy_role_arn" {
  description = "Role for application deploys (deploy branches)."
  value       = aws_iam_role.deploy.arn
}

output "terraform_plan_role_arn" {
  description = "Role for terraform plan (deploy branches)."
  value       = aws_iam_role.terraform_plan.arn
}

output "terraform_apply_role_arn" {
  description = "Role for terraform apply (apply branches)."
  value       = aws_iam_role.terraform_apply.arn
}
