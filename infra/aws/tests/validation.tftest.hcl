# `terraform test` with mocked providers: the variable validations refuse bad inputs. scripts/checks/infra runs this file with envs/dev.tfvars,
# tests/deployment.tfvars and a Route 53 zone id.

mock_provider "aws" {
  source = "./tests/mocks"
}

mock_provider "aws" {
  alias = "us_east_1"
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
