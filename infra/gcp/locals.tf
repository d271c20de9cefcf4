locals {
  name = "${var.service_name}-${var.environment}"

  labels = merge(var.labels, {
    project     = "cloud-doctor"
    environment = var.environment
    managed-by  = "terraform"
    zone        = "doctor"
  })

  # Plain environment of the Doctor; empty values are left out (the Doctor falls back to its offline analyzer).
  doctor_env = { for k, v in {
    DOCTOR_LOG_GROUP     = var.doctor_log_group
    AWS_ROLE_ARN         = var.aws_role_arn
    AWS_REGION           = var.aws_region
    BEDROCK_REGION       = var.bedrock_region
    BEDROCK_MODEL_ID     = var.bedrock_model_id
    DOCTOR_AWS_AUDIENCE  = var.doctor_aws_audience
    GOOGLE_CLOUD_PROJECT = var.project_id
    VERTEX_LOCATION      = var.vertex_location
    VERTEX_MODEL         = var.vertex_model
    LOG_LEVEL            = var.log_level
  } : k => v if v != "" }

  # Environment variable name => Secret Manager secret id.
  doctor_secrets = {
    SLACK_SIGNING_SECRET = "slack-signing-secret"
    SLACK_BOT_TOKEN      = "slack-bot-token"
  }
}
