variable "name" {
  type        = string
  description = "Name prefix of every resource in this module."
}

variable "log_group_name" {
  type        = string
  description = "Log group of the patient-api containers the metric filters read."
}

variable "metric_namespace" {
  type        = string
  description = "CloudWatch namespace of the log-derived metrics."
  default     = "CloudDoctor/PatientAPI"
}

variable "alb_arn_suffix" {
  type        = string
  description = "ARN suffix of the load balancer (dimension LoadBalancer)."
}

variable "target_group_arn_suffix" {
  type        = string
  description = "ARN suffix of the target group (dimension TargetGroup)."
}

variable "ecs_cluster_name" {
  type        = string
  description = "ECS cluster of the service."
}

variable "ecs_service_name" {
  type        = string
  description = "ECS service whose tasks are watched."
}

variable "min_running_tasks" {
  type        = number
  description = "Alarm when fewer tasks than this run."
  default     = 1
}

variable "db_instance_identifier" {
  type        = string
  description = "RDS instance identifier."
}

variable "db_max_connections" {
  type        = number
  description = "MySQL max_connections; the connections alarm fires at 80% of it."
}

variable "db_min_free_storage_bytes" {
  type        = number
  description = "Alarm when the database has less free storage than this."
  default     = 2147483648
}

variable "error_threshold" {
  type        = number
  description = "Error-level log lines in 5 minutes that raise the alarm."
  default     = 10
}

variable "http_5xx_threshold" {
  type        = number
  description = "5xx responses in 5 minutes (app or ALB) that raise the alarm."
  default     = 10
}

variable "alert_endpoint" {
  type        = string
  description = "HTTPS endpoint subscribed to the alarm topic (the Doctor's /alerts/sns); empty for none."
  default     = ""
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key encrypting the topic."
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
