variable "name" {
  type        = string
  description = "Name prefix of every resource in this module."
}

variable "cidr" {
  type        = string
  description = "CIDR block of the VPC."

  validation {
    condition     = can(cidrhost(var.cidr, 0))
    error_message = "cidr must be a valid IPv4 CIDR block."
  }
}

variable "single_nat_gateway" {
  type        = bool
  description = "One NAT gateway shared by both AZs instead of one per AZ."
  default     = true
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key that encrypts the flow-log log group."
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the flow-log log group in days."
  default     = 365
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
