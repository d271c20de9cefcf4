variable "name" {
  type        = string
  description = "Name prefix of the roles."
}

variable "create_provider" {
  type        = bool
  description = "Create the account's GitHub Actions OIDC provider (false when it already exists)."
  default     = true
}

variable "github_repository" {
  type        = string
  description = "owner/name of the repository whose workflows may assume the roles."

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must be owner/name."
  }
}

variable "deploy_branches" {
  type        = list(string)
  description = "Branches allowed to deploy and to plan."
  default     = ["main", "dev"]
}

variable "apply_branches" {
  type        = list(string)
  description = "Branches allowed to apply Terraform."
  default     = ["main"]
}

variable "plan_allow_pull_requests" {
  type        = bool
  description = "Let pull-request workflows of this repository (subject repo:OWNER/REPO:pull_request) assume the read-only plan role, for PR plans and dry runs. Forks get no OIDC token."
  default     = true
}

variable "ecr_repository_arn" {
  type        = string
  description = "ECR repository the deploy role pushes to."
}

variable "ecs_cluster_name" {
  type        = string
  description = "ECS cluster of the service the deploy role updates."
}

variable "ecs_task_family" {
  type        = string
  description = "Task definition family the deploy role may run one-off tasks of (migrations)."
}

variable "ecs_service_name" {
  type        = string
  description = "ECS service the deploy role updates."
}

variable "ecs_pass_role_arns" {
  type        = list(string)
  description = "Task and execution role ARNs the deploy role may pass to new task definition revisions."
}

variable "site_bucket_arn" {
  type        = string
  description = "S3 bucket the deploy role syncs the front end to."
}

variable "cloudfront_distribution_arn" {
  type        = string
  description = "CloudFront distribution the deploy role invalidates."
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key of the site bucket and the image repository."
}

variable "terraform_state_bucket" {
  type        = string
  description = "S3 bucket holding Terraform state."
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
