variable "name" {
  type        = string
  description = "Repository name."
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key that encrypts the images."
}

variable "keep_images" {
  type        = number
  description = "How many tagged images the lifecycle policy keeps."
  default     = 30

  validation {
    condition     = var.keep_images >= 1
    error_message = "keep_images must be at least 1."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
