"""The ECS task logs to the log group the metric filters, the alarms and the Doctor read."""
from __future__ import annotations

from conftest import INFRA, blocks, module_calls, normalize_expr, one, resources, sub_blocks, unquote

ECS = INFRA / "aws" / "modules" / "ecs-service"
OBS = INFRA / "aws" / "modules" / "observability"


def outputs(directory):
    return {o.name: o.body["value"] for o in blocks("output", directory)}


def test_the_task_logs_with_awslogs_to_the_module_log_group():
    task = one(resources("aws_ecs_task_definition"), "aws_ecs_task_definition")
    containers = normalize_expr(task.body["container_definitions"])
    assert 'logDriver=' + '"awslogs"' in containers
    assert '"awslogs-group"=aws_cloudwatch_log_group.app.name' in containers
    assert outputs(ECS)["log_group_name"] == "${aws_cloudwatch_log_group.app.name}"
    assert outputs(ECS)["log_group_arn"] == "${aws_cloudwatch_log_group.app.arn}"


def test_the_log_group_is_encrypted_and_retained():
    (group,) = [g for g in resources("aws_cloudwatch_log_group", ECS) if g.name == "app"]
    assert group.body["kms_key_id"] == "${var.kms_key_arn}"
    assert group.body["retention_in_days"] == "${var.log_retention_days}"


def test_the_alarms_watch_the_same_log_group_the_task_writes():
    call = module_calls(INFRA / "aws")["observability"]
    assert call["log_group_name"] == "${module.ecs_service.log_group_name}"
    filters = resources("aws_cloudwatch_log_metric_filter", OBS)
    assert len(filters) >= 2
    for f in filters:
        assert f.body["log_group_name"] == "${var.log_group_name}", f.address
    root_outputs = outputs(INFRA / "aws")
    assert root_outputs["app_log_group_name"] == "${module.ecs_service.log_group_name}"


def test_metric_filters_read_the_json_level_and_status_fields():
    patterns = {f.name: unquote(f.body["pattern"]) for f in resources("aws_cloudwatch_log_metric_filter", OBS)}
    assert '$.level = \\"error\\"' in patterns["errors"] or '$.level = "error"' in patterns["errors"]
    assert "$.status >= 500" in patterns["http_5xx"]
    assert '$.status = \\"5*\\"' in patterns["http_5xx"], "metadata values are strings in the JSON lines"


def test_every_log_metric_has_an_alarm_and_every_alarm_notifies_the_topic():
    alarms = resources("aws_cloudwatch_metric_alarm", OBS)
    metric_refs = {a.body["metric_name"] for a in alarms}
    for f in resources("aws_cloudwatch_log_metric_filter", OBS):
        assert f"${{aws_cloudwatch_log_metric_filter.{f.name}.metric_transformation[0].name}}" in metric_refs, f.address
    for a in alarms:
        assert a.body["alarm_actions"] == "${local.alarm_actions}", a.address
        assert unquote(a.body.get("actions_enabled")) is True, a.address
    locals_ = {b.name: b.body for b in blocks("locals", OBS)}
    assert locals_["alarm_actions"] == ["${aws_sns_topic.alerts.arn}"]


def test_alarms_cover_the_incidents_the_doctor_diagnoses():
    watched = {(unquote(a.body["namespace"]), unquote(a.body["metric_name"])) for a in resources("aws_cloudwatch_metric_alarm", OBS)}
    for expected in [
        ("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count"),
        ("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count"),
        ("ECS/ContainerInsights", "RunningTaskCount"),
        ("AWS/RDS", "DatabaseConnections"),
        ("AWS/RDS", "CPUUtilization"),
        ("AWS/RDS", "FreeStorageSpace"),
    ]:
        assert expected in watched, expected
    rules = resources("aws_cloudwatch_event_rule", OBS)
    assert any("ECS Task State Change" in r.body["event_pattern"] for r in rules)


def test_the_topic_is_encrypted_and_the_doctor_subscribes_over_https():
    (topic,) = resources("aws_sns_topic", OBS)
    assert topic.body["kms_master_key_id"] == "${var.kms_key_arn}"
    (sub,) = resources("aws_sns_topic_subscription", OBS)
    assert unquote(sub.body["protocol"]) == "https"
    assert sub.body["endpoint"] == "${var.alert_endpoint}"
    assert module_calls(INFRA / "aws")["observability"]["alert_endpoint"] == "${var.doctor_alert_endpoint}"


def test_every_alarm_tells_the_doctor_which_log_group_to_read():
    for a in resources("aws_cloudwatch_metric_alarm", OBS):
        assert unquote(a.body["alarm_description"]).endswith("; log-group: ${var.log_group_name}"), a.address


def test_task_stops_reach_the_doctor_shaped_like_an_alarm():
    (target,) = resources("aws_cloudwatch_event_target", OBS)
    assert target.body["arn"] == "${aws_sns_topic.alerts.arn}"
    (transformer,) = target.body["input_transformer"]
    template = unquote(transformer["input_template"])
    for key in ('"AlarmName"', '"NewStateValue": "ALARM"', '"StateChangeTime": <time>', "log-group: ${var.log_group_name}"):
        assert key in template, key
