environment              = "prod"
aws_region               = "eu-west-1"
single_nat_gateway       = false
desired_count            = 2
min_capacity             = 2
max_capacity             = 10
task_cpu                 = 1024
task_memory              = 2048
bcrypt_cost              = 12
log_level                = "info"
db_instance_class        = "db.r6g.large"
db_multi_az              = true
db_deletion_protection   = true
db_backup_retention_days = 14
db_max_connections       = 400
bedrock_region           = "us-east-1"
bedrock_model_id         = "us.anthropic.claude-sonnet-4-20250514-v1:0"
github_apply_branches    = ["main"]

# Set per deployment (e.g. TF_VAR_... in the workflow):
#   web_domain_name, api_domain_name, route53_zone_id, github_repository,
#   terraform_state_bucket, doctor_service_account_unique_id, doctor_alert_endpoint
# chaos_token_secret_arn stays empty in prod: the chaos endpoints answer 404.
