"""The infrastructure matches the app contract in DESIGN.md and the files the Doctor patches."""
from __future__ import annotations

import re

from conftest import INFRA, blocks, module_calls, normalize_expr, one, resources, sub_blocks, unquote

README = (INFRA / "README.md").read_text()


def test_one_task_definition_with_patchable_cpu_and_memory():
    task = one(resources("aws_ecs_task_definition"), "aws_ecs_task_definition")
    assert task.file == INFRA / "aws" / "modules" / "ecs-service" / "main.tf"
    assert task.name == "app"
    assert task.body["cpu"] == "${var.task_cpu}"
    assert task.body["memory"] == "${var.task_memory}"


def test_one_parameter_group_with_max_connections():
    group = one(resources("aws_db_parameter_group"), "aws_db_parameter_group")
    assert group.file == INFRA / "aws" / "modules" / "database" / "main.tf"
    params = {unquote(p["name"]): p["value"] for p in sub_blocks(group.body, "parameter")}
    assert params["max_connections"] == "${var.max_connections}"
    (db,) = resources("aws_db_instance")
    assert db.body["parameter_group_name"] == "${aws_db_parameter_group.mysql.name}"


def test_target_group_health_check_is_healthz():
    tg = one(resources("aws_lb_target_group"), "aws_lb_target_group")
    (hc,) = sub_blocks(tg.body, "health_check")
    assert hc["path"] == "${var.health_check_path}"
    assert unquote(module_calls(INFRA / "aws")["alb"]["health_check_path"]) == "/healthz"
    assert unquote(module_calls(INFRA / "aws")["alb"]["app_port"]) == 8080


def test_readme_names_every_resource_the_doctor_patches():
    section = README.split("## Resources the Doctor patches", 1)[1].split("\n## ", 1)[0]
    for needle in (
        "infra/aws/modules/ecs-service/main.tf", "aws_ecs_task_definition.app",
        "infra/aws/modules/database/main.tf", "aws_db_parameter_group.mysql",
        "infra/aws/modules/alb/main.tf", "aws_lb_target_group.api",
    ):
        assert needle in section, needle


def test_patient_api_container_follows_the_contract():
    task = one(resources("aws_ecs_task_definition"), "aws_ecs_task_definition")
    c = normalize_expr(task.body["container_definitions"])
    assert "readonlyRootFilesystem=true" in c
    assert re.search(r'user="[1-9][0-9]*:[1-9][0-9]*"', c), "the container must run as a non-root uid"
    assert "stopTimeout=" in c
    assert "containerPort=var.app_port" in c
    env = module_calls(INFRA / "aws")["ecs_service"]["environment_variables"]
    assert {"MYSQL_HOST", "MYSQL_PORT", "MYSQL_DATABASE", "LOG_LEVEL", "BCRYPT_COST"} <= set(env)
    locals_ = {b.name: b.body for b in blocks("locals", INFRA / "aws")}
    secrets = normalize_expr(locals_["app_secrets"])
    assert 'MYSQL_PASSWORD="${local.db_secret_arn}:password::"' in secrets
    assert "CHAOS_TOKEN=var.chaos_token_secret_arn" in secrets


def test_the_service_rolls_back_failed_deployments():
    (svc,) = resources("aws_ecs_service")
    (cb,) = sub_blocks(svc.body, "deployment_circuit_breaker")
    assert unquote(cb["enable"]) is True and unquote(cb["rollback"]) is True
    kinds = {unquote(p.body["target_tracking_scaling_policy_configuration"][0]["predefined_metric_specification"][0]["predefined_metric_type"]) for p in resources("aws_appautoscaling_policy")}
    assert kinds == {"ECSServiceAverageCPUUtilization", "ALBRequestCountPerTarget"}


def test_doctor_cloud_run_service_follows_the_contract():
    svc = one(resources("google_cloud_run_v2_service"), "google_cloud_run_v2_service")
    (template,) = sub_blocks(svc.body, "template")
    (container,) = sub_blocks(template, "containers")
    assert [unquote(p["container_port"]) for p in sub_blocks(container, "ports")] == [8080]
    (res,) = sub_blocks(container, "resources")
    assert unquote(res["startup_cpu_boost"]) is True
    (probe,) = sub_blocks(container, "startup_probe")
    assert unquote(probe["http_get"][0]["path"]) == "/healthz"
    (scaling,) = sub_blocks(template, "scaling")
    assert scaling["min_instance_count"] == "${var.min_instances}"
    assert scaling["max_instance_count"] == "${var.max_instances}"
    variables = {v.name: v.body for v in blocks("variable", INFRA / "gcp")}
    assert unquote(variables["min_instances"]["default"]) == 0
    locals_ = {b.name: b.body for b in blocks("locals", INFRA / "gcp")}
    env = normalize_expr(locals_["doctor_env"])
    for name in ("DOCTOR_LOG_GROUP", "AWS_ROLE_ARN", "AWS_REGION", "BEDROCK_REGION", "BEDROCK_MODEL_ID",
                 "GOOGLE_CLOUD_PROJECT", "VERTEX_LOCATION", "VERTEX_MODEL", "DOCTOR_AWS_AUDIENCE"):
        assert f"{name}=" in env, name
    assert "AWS_ACCESS_KEY_ID" not in env and "AWS_SECRET_ACCESS_KEY" not in env
    assert {k: unquote(v) for k, v in locals_["doctor_secrets"].items()} == {
        "SLACK_SIGNING_SECRET": "slack-signing-secret", "SLACK_BOT_TOKEN": "slack-bot-token",
    }


def test_the_doctor_may_use_vertex_and_read_only_its_own_secrets():
    roles = {unquote(m.body["role"]) for m in resources("google_project_iam_member")}
    assert "roles/aiplatform.user" in roles
    assert not roles & {"roles/owner", "roles/editor", "roles/secretmanager.secretAccessor"}
    (accessor,) = resources("google_secret_manager_secret_iam_member")
    assert unquote(accessor.body["role"]) == "roles/secretmanager.secretAccessor"
    assert accessor.body["for_each"] == "${google_secret_manager_secret.doctor}"


def test_the_bridge_audience_agrees_between_the_two_clouds():
    aws_default = {v.name: v.body for v in blocks("variable", INFRA / "aws")}["doctor_token_audience"]["default"]
    gcp_default = {v.name: v.body for v in blocks("variable", INFRA / "gcp")}["doctor_aws_audience"]["default"]
    assert unquote(aws_default) == unquote(gcp_default) == "sts.amazonaws.com"


def test_by_default_only_cloudfront_and_its_waf_reach_the_load_balancer():
    variables = {v.name: v.body for v in blocks("variable", INFRA / "aws")}
    assert unquote(variables["alb_direct_ingress"]["default"]) is False
    call = module_calls(INFRA / "aws")["alb"]
    assert normalize_expr(call["ingress_cidrs"]) == normalize_expr('${var.alb_direct_ingress ? ["0.0.0.0/0"] : []}')
    assert "data.aws_ec2_managed_prefix_list.cloudfront.id" in call["ingress_prefix_list_ids"]
    (pl,) = [d for d in blocks("data", INFRA / "aws") if d.type == "aws_ec2_managed_prefix_list"]
    assert unquote(pl.body["name"]) == "com.amazonaws.global.cloudfront.origin-facing"
    (cf,) = resources("aws_cloudfront_distribution")
    assert cf.body["web_acl_id"] == "${aws_wafv2_web_acl.this.arn}"


def test_cloudfront_serves_the_site_from_s3_and_the_api_from_the_load_balancer():
    (cf,) = resources("aws_cloudfront_distribution")
    origins = {unquote(o["origin_id"]): o for o in sub_blocks(cf.body, "origin")}
    assert origins["site"]["origin_access_control_id"] == "${aws_cloudfront_origin_access_control.site.id}"
    (custom,) = origins["api"]["custom_origin_config"]
    assert unquote(custom["origin_protocol_policy"]) == "https-only"
    (default,) = sub_blocks(cf.body, "default_cache_behavior")
    assert unquote(default["target_origin_id"]) == "site"
    routes = {unquote(b["path_pattern"]): unquote(b["target_origin_id"]) for b in sub_blocks(cf.body, "ordered_cache_behavior")}
    assert routes == {"/api/*": "api", "/healthz": "api"}
    for behavior in [default, *sub_blocks(cf.body, "ordered_cache_behavior")]:
        assert behavior["response_headers_policy_id"] == "${aws_cloudfront_response_headers_policy.security.id}"
    (policy,) = resources("aws_cloudfront_response_headers_policy")
    (headers,) = policy.body["security_headers_config"]
    assert {"strict_transport_security", "content_type_options", "frame_options", "referrer_policy", "content_security_policy"} <= set(headers)
