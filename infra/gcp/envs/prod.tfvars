environment     = "prod"
region          = "europe-west1"
min_instances   = 0
max_instances   = 5
concurrency     = 80
log_level       = "info"
vertex_location = "europe-west1"
vertex_model    = "gemini-2.5-flash"

terraform_apply_branches = ["main"]

# Set per deployment (e.g. TF_VAR_... in the workflow):
#   project_id, github_repository, terraform_plan_service_account_email,
#   terraform_apply_service_account_email, and after infra/aws is applied:
#   aws_role_arn, aws_region, doctor_log_group, bedrock_region, bedrock_model_id
