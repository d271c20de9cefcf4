variable "name" {
  type        = string
  description = "Name prefix of every resource in this module."
}

variable "site_bucket_name" {
  type        = string
  description = "Globally unique name of the S3 bucket holding the static front end."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.site_bucket_name))
    error_message = "site_bucket_name must be a valid S3 bucket name."
  }
}

variable "domain_name" {
  type        = string
  description = "Public host name of the distribution."
}

variable "certificate_arn" {
  type        = string
  description = "ACM certificate (us-east-1) of the distribution."
}

variable "api_origin_domain_name" {
  type        = string
  description = "Host name of the ALB origin serving /api/* (must match the ALB certificate)."
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key encrypting the site bucket."
}

variable "logs_bucket_domain_name" {
  type        = string
  description = "Regional domain name of the S3 bucket receiving access logs."
}

variable "logs_bucket_id" {
  type        = string
  description = "Name of the S3 bucket receiving access logs."
}

variable "price_class" {
  type        = string
  description = "CloudFront price class."
  default     = "PriceClass_100"

  validation {
    condition     = contains(["PriceClass_100", "PriceClass_200", "PriceClass_All"], var.price_class)
    error_message = "price_class must be PriceClass_100, PriceClass_200 or PriceClass_All."
  }
}

variable "rate_limit_per_5_minutes" {
  type        = number
  description = "Requests per client IP per 5 minutes before the WAF blocks it."
  default     = 2000
}

variable "waf_log_retention_days" {
  type        = number
  description = "Retention of the WAF request logs in days."
  default     = 365
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
