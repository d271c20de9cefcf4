variable "name" {
  type        = string
  description = "Name of the IAM role the Doctor assumes."
}

variable "service_account_unique_id" {
  type        = string
  description = "Numeric unique id of the Doctor's Cloud Run service account: the token's azp and sub claims must equal it."

  validation {
    condition     = can(regex("^[0-9]{21}$", var.service_account_unique_id))
    error_message = "service_account_unique_id must be the 21-digit service account unique id."
  }
}

variable "token_audience" {
  type        = string
  description = "aud claim the Doctor requests for its Google ID token (DOCTOR_AWS_AUDIENCE)."
  default     = "sts.amazonaws.com"
}

variable "log_group_arns" {
  type        = list(string)
  description = "ARNs of the Patient Zone log groups the Doctor may read."

  validation {
    condition     = length(var.log_group_arns) > 0
    error_message = "log_group_arns must name at least one log group."
  }
}

variable "bedrock_region" {
  type        = string
  description = "Region the Doctor calls Bedrock in."
}

variable "bedrock_model_id" {
  type        = string
  description = "Bedrock foundation model id or cross-region inference profile id (us., eu., apac., global. prefix)."

  validation {
    condition     = can(regex("^[a-z0-9.:-]+$", var.bedrock_model_id))
    error_message = "bedrock_model_id must be a Bedrock model or inference profile id."
  }
}

variable "max_session_duration" {
  type        = number
  description = "Longest session in seconds the Doctor can ask for."
  default     = 3600
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
