# `terraform test` with mocked providers: plans the whole Patient Zone offline with an environment's
# tfvars, evaluating every variable validation, count and for_each with real values.
# scripts/checks/infra runs this file once per environment, each time with tests/deployment.tfvars:
# dev with a Route 53 zone (-var-file=envs/dev.tfvars -var route53_zone_id=Z0EXAMPLE), prod without one.

mock_provider "aws" {
  source = "./tests/mocks"
}

mock_provider "aws" {
  alias = "us_east_1"
}

run "plans_the_environment" {
  command = plan

  assert {
    condition     = output.app_log_group_name == "/cloud-doctor/${var.environment}/patient-api"
    error_message = "the app log group is not /cloud-doctor/<env>/patient-api"
  }

  assert {
    condition     = module.observability.watched_log_group_name == module.ecs_service.log_group_name
    error_message = "the alarms do not watch the log group the task writes"
  }

  assert {
    condition     = output.ecs_task_family == "cloud-doctor-${var.environment}" && output.ecs_service_name == "patient-api"
    error_message = "the ECS names the deploy workflow uses changed"
  }

  assert {
    condition     = length(aws_route53_record.api_validation) == (var.route53_zone_id == "" ? 0 : 1) && length(aws_route53_record.web) == (var.route53_zone_id == "" ? 0 : 1)
    error_message = "the Route 53 validation and alias records exist exactly when a zone is given"
  }

  assert {
    condition     = length(aws_acm_certificate_validation.api) == (var.route53_zone_id == "" ? 0 : 1)
    error_message = "certificates are validated through Route 53 exactly when a zone is given"
  }

  assert {
    condition     = anytrue([for arn in module.doctor_bridge.bedrock_resources : endswith(arn, "inference-profile/${var.bedrock_model_id}")])
    error_message = "the bridge role may not invoke the configured inference profile"
  }

  assert {
    condition     = length(module.observability.alarm_names) == 8
    error_message = "an alarm went missing"
  }
}
