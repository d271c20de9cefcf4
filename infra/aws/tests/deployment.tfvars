# The per-deployment inputs the envs/*.tfvars leave open, for `terraform test` (scripts/checks/infra
# passes this file after the environment's).
web_domain_name                  = "app.example.com"
api_domain_name                  = "api.example.com"
doctor_service_account_unique_id = "100000000000000000001"
doctor_alert_endpoint            = "https://doctor.example.run.app/alerts/sns"
github_repository                = "example/cloud-doctor"
terraform_state_bucket           = "example-tfstate"
