variable "project" {
  type        = string
  description = "Short project name, used as the prefix of every resource name."
  default     = "cloud-doctor"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,20}$", var.project))
    error_message = "project must be 2-21 lowercase letters, digits or hyphens, starting with a letter."
  }
}

variable "environment" {
  type        = string
  description = "Deployment environment: dev or prod."

  validation {
    condition     = contains(["dev", "prod"], var.environment)
    error_message = "environment must be dev or prod."
  }
}

variable "aws_region" {
  type        = string
  description = "AWS region of the Patient Zone."

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.aws_region))
    error_message = "aws_region must look like eu-west-1."
  }
}

variable "tags" {
  type        = map(string)
  description = "Extra tags added to every resource (merged with Project, Environment, ManagedBy, Zone)."
  default     = {}
}

# --- network ---------------------------------------------------------------

variable "vpc_cidr" {
  type        = string
  description = "CIDR block of the VPC; split into two public and two private subnets."
  default     = "10.40.0.0/16"

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0))
    error_message = "vpc_cidr must be a valid IPv4 CIDR block."
  }
}

variable "single_nat_gateway" {
  type        = bool
  description = "One NAT gateway for both AZs (cheaper, dev) instead of one per AZ (prod)."
  default     = true
}

variable "alb_direct_ingress" {
  type        = bool
  description = "Let any client reach the load balancer (HTTPS, and HTTP redirected to HTTPS); false admits only CloudFront's origin-facing servers, so every request passes the WAF."
  default     = false
}

# --- DNS and certificates ----------------------------------------------------

variable "web_domain_name" {
  type        = string
  description = "Public host name of the web front end served by CloudFront, e.g. app.example.com."

  validation {
    condition     = can(regex("^([a-z0-9-]+\\.)+[a-z]{2,}$", var.web_domain_name))
    error_message = "web_domain_name must be a lowercase DNS name."
  }
}

variable "api_domain_name" {
  type        = string
  description = "Public host name of the ALB (CloudFront's /api/* origin), e.g. api.example.com."

  validation {
    condition     = can(regex("^([a-z0-9-]+\\.)+[a-z]{2,}$", var.api_domain_name))
    error_message = "api_domain_name must be a lowercase DNS name."
  }
}

variable "route53_zone_id" {
  type        = string
  description = "Route 53 hosted zone for the two names; empty to manage DNS elsewhere (then validate the ACM certificates by hand)."
  default     = ""
}

# --- application -------------------------------------------------------------

variable "app_image_tag" {
  type        = string
  description = "Image tag of patient-api in ECR used when Terraform registers the task definition (deploys register newer revisions)."
  default     = "bootstrap"

  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.app_image_tag))
    error_message = "app_image_tag must be a valid Docker tag."
  }
}

variable "task_cpu" {
  type        = number
  description = "Fargate task CPU units (256, 512, 1024, 2048, 4096)."
  default     = 512

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096], var.task_cpu)
    error_message = "task_cpu must be one of 256, 512, 1024, 2048, 4096."
  }
}

variable "task_memory" {
  type        = number
  description = "Fargate task memory in MiB (must suit task_cpu)."
  default     = 1024

  validation {
    condition     = var.task_memory >= 512 && var.task_memory <= 30720
    error_message = "task_memory must be between 512 and 30720 MiB."
  }
}

variable "desired_count" {
  type        = number
  description = "Number of patient-api tasks when the service is created."
  default     = 2

  validation {
    condition     = var.desired_count >= 1
    error_message = "desired_count must be at least 1."
  }
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

  validation {
    condition     = var.max_capacity >= 1 && var.max_capacity <= 100
    error_message = "max_capacity must be between 1 and 100."
  }
}

variable "bcrypt_cost" {
  type        = number
  description = "BCRYPT_COST of patient-api."
  default     = 12

  validation {
    condition     = var.bcrypt_cost >= 10 && var.bcrypt_cost <= 15
    error_message = "bcrypt_cost must be between 10 and 15."
  }
}

variable "log_level" {
  type        = string
  description = "LOG_LEVEL of patient-api."
  default     = "info"

  validation {
    condition     = contains(["trace", "debug", "info", "notice", "warning", "error", "critical"], var.log_level)
    error_message = "log_level must be a swift-log level name."
  }
}

variable "chaos_token_secret_arn" {
  type        = string
  description = "Secrets Manager ARN of CHAOS_TOKEN; empty disables the chaos endpoints (always empty in prod)."
  default     = ""

  validation {
    condition     = var.chaos_token_secret_arn == "" || can(regex("^arn:aws[a-z-]*:secretsmanager:", var.chaos_token_secret_arn))
    error_message = "chaos_token_secret_arn must be empty or a Secrets Manager ARN."
  }
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the CloudWatch log groups in days."
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts."
  }
}

# --- database ----------------------------------------------------------------

variable "db_instance_class" {
  type        = string
  description = "RDS instance class (Performance Insights needs db.t4g.medium or larger)."
  default     = "db.t4g.medium"
}

variable "db_allocated_storage" {
  type        = number
  description = "Initial RDS storage in GiB."
  default     = 20
}

variable "db_max_allocated_storage" {
  type        = number
  description = "Storage autoscaling ceiling in GiB."
  default     = 100
}

variable "db_multi_az" {
  type        = bool
  description = "Run RDS in two AZs."
  default     = true
}

variable "db_deletion_protection" {
  type        = bool
  description = "Refuse to delete the database (true in prod)."
  default     = true
}

variable "db_backup_retention_days" {
  type        = number
  description = "Automated backup retention in days."
  default     = 7

  validation {
    condition     = var.db_backup_retention_days >= 1 && var.db_backup_retention_days <= 35
    error_message = "db_backup_retention_days must be between 1 and 35."
  }
}

variable "db_max_connections" {
  type        = number
  description = "MySQL max_connections in the parameter group."
  default     = 200
}

variable "db_pool_size" {
  type        = number
  description = "Most MySQL connections one patient-api task opens (MYSQL_POOL_SIZE); keep max_capacity x db_pool_size under db_max_connections."
  default     = 10

  validation {
    condition     = var.db_pool_size >= 1 && var.db_pool_size <= 100
    error_message = "db_pool_size must be between 1 and 100."
  }
}

# --- the Doctor --------------------------------------------------------------

variable "doctor_alert_endpoint" {
  type        = string
  description = "HTTPS URL of the Doctor's SNS endpoint (Cloud Run URL + /alerts/sns); empty until the Doctor Zone exists."
  default     = ""

  validation {
    condition     = var.doctor_alert_endpoint == "" || can(regex("^https://", var.doctor_alert_endpoint))
    error_message = "doctor_alert_endpoint must be an https:// URL or empty."
  }
}

variable "doctor_service_account_unique_id" {
  type        = string
  description = "Numeric unique id of the Doctor's Cloud Run service account (infra/gcp output doctor_service_account_unique_id); the bridge role trusts only it."

  validation {
    condition     = can(regex("^[0-9]{21}$", var.doctor_service_account_unique_id))
    error_message = "doctor_service_account_unique_id must be the 21-digit service account unique id."
  }
}

variable "doctor_token_audience" {
  type        = string
  description = "Audience the Doctor requests for its Google ID token (DOCTOR_AWS_AUDIENCE)."
  default     = "sts.amazonaws.com"
}

variable "bedrock_region" {
  type        = string
  description = "Region the Doctor calls Bedrock in (BEDROCK_REGION)."

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.bedrock_region))
    error_message = "bedrock_region must look like us-east-1."
  }
}

variable "bedrock_model_id" {
  type        = string
  description = "Bedrock model id or cross-region inference profile id the Doctor invokes (BEDROCK_MODEL_ID)."
  default     = "us.anthropic.claude-sonnet-4-20250514-v1:0"
}

# --- CI ----------------------------------------------------------------------

variable "github_repository" {
  type        = string
  description = "owner/name of the GitHub repository whose Actions may deploy."

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must be owner/name."
  }
}

variable "github_deploy_branches" {
  type        = list(string)
  description = "Branches whose workflows may assume the deploy and plan roles."
  default     = ["main", "dev"]
}

variable "github_apply_branches" {
  type        = list(string)
  description = "Branches whose workflows may assume the Terraform apply role (dev stack: [\"dev\"], prod stack: [\"main\"])."
  default     = ["main"]
}

variable "github_plan_allow_pull_requests" {
  type        = bool
  description = "Let this repository's pull-request workflows assume the read-only plan role (PR plans and dry runs)."
  default     = true
}

variable "create_github_oidc_provider" {
  type        = bool
  description = "Create the account's token.actions.githubusercontent.com OIDC provider (false when it already exists, e.g. for the second environment in one account)."
  default     = true
}

variable "terraform_state_bucket" {
  type        = string
  description = "S3 bucket holding Terraform state, for the plan/apply roles."
}
