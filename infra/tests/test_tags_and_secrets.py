"""Every taggable resource is tagged (AWS) or labelled (GCP); no literal secret or account id anywhere."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import INFRA, rel, resources, tf_files, tfvars_files, unquote

# AWS resource types used here that take `tags` (checked against the provider schema when it is available).
AWS_TAGGABLE = {
    "aws_acm_certificate", "aws_appautoscaling_target", "aws_cloudfront_distribution", "aws_cloudwatch_event_rule",
    "aws_cloudwatch_log_group", "aws_cloudwatch_metric_alarm", "aws_db_instance", "aws_db_parameter_group",
    "aws_db_subnet_group", "aws_default_security_group", "aws_ecr_repository", "aws_ecs_cluster", "aws_ecs_service",
    "aws_ecs_task_definition", "aws_eip", "aws_flow_log", "aws_iam_openid_connect_provider", "aws_iam_role",
    "aws_internet_gateway", "aws_kms_key", "aws_lb", "aws_lb_listener", "aws_lb_target_group", "aws_nat_gateway",
    "aws_route_table", "aws_s3_bucket", "aws_security_group", "aws_sns_topic", "aws_subnet", "aws_vpc",
    "aws_vpc_security_group_egress_rule", "aws_vpc_security_group_ingress_rule", "aws_wafv2_web_acl",
}
# GCP resource types used here that take `labels`.
GCP_LABELLED = {"google_artifact_registry_repository", "google_cloud_run_v2_service", "google_secret_manager_secret"}


def test_every_aws_resource_that_takes_tags_has_tags():
    untagged = [r.address for r in resources() if r.type in AWS_TAGGABLE and "tags" not in r.body]
    assert not untagged, untagged


def test_the_taggable_list_matches_the_aws_provider_schema(aws_schema):
    if aws_schema is None:
        pytest.skip("no AWS provider schema: run through scripts/checks/infra where terraform and the provider mirror exist")
    used = {r.type for r in resources() if r.type.startswith("aws_")}
    taggable = {t for t in used if "tags" in aws_schema[t]["block"].get("attributes", {})}
    assert taggable == AWS_TAGGABLE & used, {
        "take tags but not listed": sorted(taggable - AWS_TAGGABLE),
        "listed but take no tags": sorted((AWS_TAGGABLE & used) - taggable),
    }


def test_every_gcp_resource_that_takes_labels_has_labels():
    unlabelled = [r.address for r in resources() if r.type in GCP_LABELLED and "labels" not in r.body]
    assert not unlabelled, unlabelled


def test_the_google_provider_sets_default_labels():
    assert "default_labels" in (INFRA / "gcp" / "providers.tf").read_text()


def test_the_aws_providers_set_default_tags():
    text = (INFRA / "aws" / "providers.tf").read_text()
    assert text.count("default_tags") == 2


SECRET_PATTERNS = {
    "12-digit AWS account id": re.compile(r"(?<![0-9])[0-9]{12}(?![0-9])"),
    "AWS access key id": re.compile(r"\b(AKIA|ASIA)[0-9A-Z]{16}\b"),
    "private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "Slack token": re.compile(r"\bxox[abposr]-[0-9A-Za-z-]{10,}"),
    "Slack signing secret or other 32+ hex": re.compile(r"\b[0-9a-f]{32,}\b"),
    "Google API key": re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b"),
}


@pytest.mark.parametrize("path", tf_files() + tfvars_files(), ids=rel)
def test_no_literal_secret_or_account_id(path: Path):
    text = path.read_text()
    found = [f"{name}: {m.group(0)}" for name, rx in SECRET_PATTERNS.items() for m in rx.finditer(text)]
    assert not found, found


SENSITIVE_ATTRIBUTE = re.compile(r"^\s*(password|master_password|secret_string|secret_data|token|api_key|access_key|secret_key)\s*=\s*\"", re.M)


@pytest.mark.parametrize("path", tf_files() + tfvars_files(), ids=rel)
def test_no_sensitive_attribute_is_set_to_a_literal(path: Path):
    hits = SENSITIVE_ATTRIBUTE.findall(path.read_text())
    assert not hits, f"{rel(path)} sets {hits} to a literal string"


def test_no_secret_values_are_created_in_terraform_state():
    forbidden = {"aws_secretsmanager_secret_version", "google_secret_manager_secret_version", "random_password"}
    assert not [r.address for r in resources() if r.type in forbidden]


def test_the_database_password_is_generated_and_kept_by_rds():
    db = [r for r in resources("aws_db_instance")]
    assert len(db) == 1
    assert unquote(db[0].body.get("manage_master_user_password")) is True
    assert "password" not in db[0].body


def test_the_scanners_find_what_they_look_for():
    """The patterns above are live: each matches a sample of what it must catch."""
    samples = {
        "12-digit AWS account id": "arn:aws:iam::" + "1234" * 3 + ":root",
        "AWS access key id": "AKIA" + "ABCDEFGHIJKLMNOP",
        "Slack token": "xoxb-" + "1234567890-abc",
    }
    for name, sample in samples.items():
        assert SECRET_PATTERNS[name].search(sample), name
    assert SENSITIVE_ATTRIBUTE.search('  password = "' + 'hunter2"')
