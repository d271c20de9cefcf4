environment              = "dev"
aws_region               = "eu-west-1"
single_nat_gateway       = true
desired_count            = 1
min_capacity             = 1
max_capacity             = 3
task_cpu                 = 512
task_memory              = 1024
bcrypt_cost              = 10
log_level                = "debug"
db_instance_class        = "db.t4g.medium"
db_multi_az              = false
db_deletion_protection   = false
db_backup_retention_days = 3
db_max_connections       = 150
bedrock_region           = "us-east-1"
bedrock_model_id         = "us.anthropic.claude-sonnet-4-20250514-v1:0"
github_apply_branches    = ["dev"]

# Set per deployment (e.g. TF_VAR_... in the workflow):
#   web_domain_name, api_domain_name, route53_zone_id, github_repository,
#   terraform_state_bucket, doctor_service_account_unique_id, doctor_alert_endpoint,
#   chaos_token_secret_arn (dev only)
