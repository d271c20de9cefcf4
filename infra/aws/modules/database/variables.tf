variable "name" {
  type        = string
  description = "Name prefix of every resource in this module."
}

variable "vpc_id" {
  type        = string
  description = "VPC of the database."
}

variable "private_subnet_ids" {
  type        = list(string)
  description = "Private subnets (two AZs) of the database."
}

variable "database_name" {
  type        = string
  description = "Schema patient-api uses."
  default     = "cloud_doctor"
}

variable "master_username" {
  type        = string
  description = "Master user name; its password is generated and kept by RDS in Secrets Manager."
  default     = "cloud_doctor"
}

variable "instance_class" {
  type        = string
  description = "RDS instance class (Performance Insights needs db.t4g.medium or larger)."
  default     = "db.t4g.medium"
}

variable "engine_version" {
  type        = string
  description = "MySQL engine version (major.minor)."
  default     = "8.0"
}

variable "allocated_storage" {
  type        = number
  description = "Initial storage in GiB."
  default     = 20
}

variable "max_allocated_storage" {
  type        = number
  description = "Storage autoscaling ceiling in GiB."
  default     = 100
}

variable "multi_az" {
  type        = bool
  description = "Standby in a second AZ."
  default     = true
}

variable "deletion_protection" {
  type        = bool
  description = "Refuse to delete the instance."
  default     = true
}

variable "backup_retention_days" {
  type        = number
  description = "Automated backup retention in days."
  default     = 7
}

variable "max_connections" {
  type        = number
  description = "MySQL max_connections."
  default     = 200

  validation {
    condition     = var.max_connections >= 10 && var.max_connections <= 16000
    error_message = "max_connections must be between 10 and 16000."
  }
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key encrypting storage, Performance Insights and the master secret."
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
