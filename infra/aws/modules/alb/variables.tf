variable "name" {
  type        = string
  description = "Name prefix of every resource in this module (at most 24 characters: target group names are limited to 32)."

  validation {
    condition     = length(var.name) <= 24
    error_message = "name must be at most 24 characters."
  }
}

variable "vpc_id" {
  type        = string
  description = "VPC the load balancer lives in."
}

variable "public_subnet_ids" {
  type        = list(string)
  description = "Public subnets (two AZs) of the load balancer."
}

variable "certificate_arn" {
  type        = string
  description = "ACM certificate of the HTTPS listener."
}

variable "ingress_cidrs" {
  type        = list(string)
  description = "Client CIDRs allowed to reach both listeners directly (empty: only the prefix lists below)."
  default     = []
}

variable "ingress_prefix_list_ids" {
  type        = list(string)
  description = "Managed prefix lists allowed to reach the HTTPS listener (e.g. CloudFront's origin-facing list)."
  default     = []
}

variable "app_port" {
  type        = number
  description = "Port the tasks listen on."
  default     = 8080
}

variable "health_check_path" {
  type        = string
  description = "Path of the target-group health check."
  default     = "/healthz"
}

variable "deletion_protection" {
  type        = bool
  description = "Refuse to delete the load balancer."
  default     = true
}

variable "access_logs_bucket" {
  type        = string
  description = "S3 bucket receiving the load balancer's access logs."
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
