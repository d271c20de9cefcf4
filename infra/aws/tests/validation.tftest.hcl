# `terraform test` with mocked providers: the variable validations refuse bad inputs. scripts/checks/infra runs this file with envs/dev.tfvars.

mock_provider "aws" {
  mock_data "aws_availability_zones" {
    defaults = { names = ["eu-west-1a", "eu-west-1b", "eu-west-1c"] }
  }
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
  }
  mock_data "aws_region" {
    defaults = { name = "eu-west-1" }
  }
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
}

mock_provider "aws" {
  alias = "us_east_1"
}

# The per-deployment inputs the tfvars leave open.
variables {
  web_domain_name                  = "app.example.com"
  api_domain_name                  = "api.example.com"
  route53_zone_id                  = "Z0EXAMPLE"
  doctor_service_account_unique_id = "100000000000000000001"
  doctor_alert_endpoint            = "https://doctor.example.run.app/alerts/sns"
  github_repository                = "example/cloud-doctor"
  terraform_state_bucket           = "example-tfstate"
}

run "rejects_a_bridge_without_a_service_account_unique_id" {
  command = plan

  variables {
    doctor_service_account_unique_id = "doctor@example.iam.gserviceaccount.com"
  }

  expect_failures = [var.doctor_service_account_unique_id]
}

run "rejects_an_http_alert_endpoint" {
  command = plan

  variables {
    doctor_alert_endpoint = "http://doctor.example/alerts/sns"
  }

  expect_failures = [var.doctor_alert_endpoint]
}

run "rejects_a_pool_size_of_zero" {
  command = plan

  variables {
    db_pool_size = 0
  }

  expect_failures = [var.db_pool_size]
}
