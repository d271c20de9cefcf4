variable "project_id" {
  type        = string
  description = "GCP project of the Doctor Zone."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a valid GCP project id."
  }
}

variable "region" {
  type        = string
  description = "Region of Artifact Registry and Cloud Run."

  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]$", var.region))
    error_message = "region must look like europe-west1."
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

variable "service_name" {
  type        = string
  description = "Base name of the Cloud Run service and the Artifact Registry repository."
  default     = "doctor"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}$", var.service_name))
    error_message = "service_name must be lowercase letters, digits and hyphens."
  }
}

variable "labels" {
  type        = map(string)
  description = "Extra labels added to every resource."
  default     = {}
}

variable "image" {
  type        = string
  description = "Image of the first revision; later revisions are deployed by the workflow (Terraform ignores image changes)."
  default     = "us-docker.pkg.dev/cloudrun/container/hello:latest"
}

variable "min_instances" {
  type        = number
  description = "Minimum Cloud Run instances (0 scales to zero)."
  default     = 0

  validation {
    condition     = var.min_instances >= 0
    error_message = "min_instances must not be negative."
  }
}

variable "max_instances" {
  type        = number
  description = "Maximum Cloud Run instances."
  default     = 3

  validation {
    condition     = var.max_instances >= 1 && var.max_instances <= 100
    error_message = "max_instances must be between 1 and 100."
  }
}

variable "concurrency" {
  type        = number
  description = "Requests one instance handles at once."
  default     = 80

  validation {
    condition     = var.concurrency >= 1 && var.concurrency <= 1000
    error_message = "concurrency must be between 1 and 1000."
  }
}

variable "request_timeout_seconds" {
  type        = number
  description = "Cloud Run request timeout in seconds."
  default     = 60

  validation {
    condition     = var.request_timeout_seconds >= 1 && var.request_timeout_seconds <= 3600
    error_message = "request_timeout_seconds must be between 1 and 3600."
  }
}

variable "cpu" {
  type        = string
  description = "vCPU limit of an instance."
  default     = "1"
}

variable "memory" {
  type        = string
  description = "Memory limit of an instance."
  default     = "512Mi"
}

variable "log_level" {
  type        = string
  description = "LOG_LEVEL of the Doctor."
  default     = "info"
}

variable "doctor_log_group" {
  type        = string
  description = "Default CloudWatch log group the Doctor reads (infra/aws output app_log_group_name)."
  default     = ""
}

variable "aws_role_arn" {
  type        = string
  description = "Bridge role the Doctor assumes (infra/aws output doctor_bridge_role_arn); empty until the Patient Zone exists."
  default     = ""

  validation {
    condition     = var.aws_role_arn == "" || can(regex("^arn:aws[a-z-]*:iam::[0-9]+:role/", var.aws_role_arn))
    error_message = "aws_role_arn must be empty or an IAM role ARN."
  }
}

variable "aws_region" {
  type        = string
  description = "Region of the Patient Zone (AWS_REGION)."
  default     = ""
}

variable "bedrock_region" {
  type        = string
  description = "Region the Doctor calls Bedrock in (BEDROCK_REGION)."
  default     = ""
}

variable "bedrock_model_id" {
  type        = string
  description = "Bedrock model or inference profile id (BEDROCK_MODEL_ID)."
  default     = ""
}

variable "doctor_aws_audience" {
  type        = string
  description = "Audience of the Google ID token exchanged with AWS STS (DOCTOR_AWS_AUDIENCE); must match infra/aws doctor_token_audience."
  default     = "sts.amazonaws.com"
}

variable "vertex_location" {
  type        = string
  description = "Vertex AI location (VERTEX_LOCATION)."
  default     = "europe-west1"
}

variable "vertex_model" {
  type        = string
  description = "Gemini model on Vertex AI (VERTEX_MODEL)."
  default     = "gemini-2.5-flash"
}

variable "github_repository" {
  type        = string
  description = "owner/name of the GitHub repository whose Actions may deploy."

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must be owner/name."
  }
}


variable "terraform_plan_service_account_email" {
  type        = string
  description = "Service account terraform plan runs as in CI (made at project bootstrap); empty: no binding."
  default     = ""
}

variable "terraform_apply_service_account_email" {
  type        = string
  description = "Service account terraform apply runs as in CI (made at project bootstrap); empty: no binding."
  default     = ""
}

variable "terraform_apply_branches" {
  type        = list(string)
  description = "Branches whose workflows may impersonate the apply service account (dev stack: [\"dev\"], prod stack: [\"main\"])."
  default     = ["main"]
}

variable "keep_images" {
  type        = number
  description = "Newest images the Artifact Registry cleanup policy keeps."
  default     = 30
}
