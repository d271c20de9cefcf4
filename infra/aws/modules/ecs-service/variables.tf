variable "name" {
  type        = string
  description = "Name prefix of every resource in this module."
}

variable "environment" {
  type        = string
  description = "Deployment environment (dev or prod); names the log group."
}

variable "aws_region" {
  type        = string
  description = "Region of the log group (awslogs-region)."
}

variable "vpc_id" {
  type        = string
  description = "VPC of the tasks."
}

variable "private_subnet_ids" {
  type        = list(string)
  description = "Private subnets the tasks run in."
}

variable "alb_security_group_id" {
  type        = string
  description = "Security group of the load balancer allowed to reach the tasks."
}

variable "target_group_arn" {
  type        = string
  description = "Target group the service registers its tasks in."
}

variable "alb_arn_suffix" {
  type        = string
  description = "Load balancer ARN suffix, for request-count autoscaling."
}

variable "target_group_arn_suffix" {
  type        = string
  description = "Target group ARN suffix, for request-count autoscaling."
}

variable "image" {
  type        = string
  description = "Container image (repository URL and tag) of the first task definition revision."
}

variable "container_name" {
  type        = string
  description = "Name of the patient-api container in the task definition."
  default     = "patient-api"
}

variable "app_port" {
  type        = number
  description = "Port patient-api listens on (PORT)."
  default     = 8080
}

variable "task_cpu" {
  type        = number
  description = "Fargate task CPU units."
  default     = 512
}

variable "task_memory" {
  type        = number
  description = "Fargate task memory in MiB."
  default     = 1024
}

variable "desired_count" {
  type        = number
  description = "Task count when the service is created (autoscaling owns it afterwards)."
  default     = 2
}

variable "min_capacity" {
  type        = number
  description = "Autoscaling minimum task count."
  default     = 2
}

variable "max_capacity" {
  type        = number
  description = "Autoscaling maximum task count."
  default     = 6
}

variable "cpu_target_percent" {
  type        = number
  description = "Target average CPU utilisation of the service."
  default     = 60
}

variable "requests_per_target" {
  type        = number
  description = "Target ALB requests per task per minute."
  default     = 3000
}

variable "environment_variables" {
  type        = map(string)
  description = "Plain environment variables of the container (never secrets)."
  default     = {}
}

variable "secrets" {
  type        = map(string)
  description = "Container environment variables read from Secrets Manager: NAME => secret ARN (optionally with :json-key:: suffix)."
  default     = {}
}

variable "secret_arns" {
  type        = list(string)
  description = "Secrets Manager ARNs the execution role may read (without JSON key suffixes)."

  validation {
    condition     = length(var.secret_arns) > 0
    error_message = "secret_arns must name at least the database secret."
  }
}

variable "database_security_group_id" {
  type        = string
  description = "Security group of the database the tasks connect to."
}

variable "database_port" {
  type        = number
  description = "Port of the database."
  default     = 3306
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key encrypting the log group and the secrets."
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the application log group in days."
  default     = 365
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
