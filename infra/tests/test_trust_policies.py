"""The keyless bridge and the CI identities trust exactly who they should."""
from __future__ import annotations

from conftest import INFRA, blocks, data_sources, module_calls, normalize_expr, resources, sub_blocks, unquote

BRIDGE = INFRA / "aws" / "modules" / "doctor-bridge"
GITHUB = INFRA / "aws" / "modules" / "github-oidc"


def policy(directory, name):
    docs = [d for d in data_sources("aws_iam_policy_document", directory) if d.name == name]
    assert len(docs) == 1, f"{directory}: policy document {name} not found"
    return docs[0].body


def conditions(statement) -> dict[str, tuple[str, list[str]]]:
    result = {}
    for c in sub_blocks(statement, "condition"):
        values = c["values"] if isinstance(c["values"], list) else [c["values"]]
        result[unquote(c["variable"])] = (unquote(c["test"]), [unquote(v) for v in values])
    return result


def variable_default(directory, name):
    var = [v for v in blocks("variable", directory) if v.name == name]
    assert var, f"variable {name} missing in {directory}"
    return var[0].body.get("default")


def test_bridge_role_trusts_only_google_web_identity():
    (statement,) = sub_blocks(policy(BRIDGE, "trust"), "statement")
    assert [unquote(a) for a in statement["actions"]] == ["sts:AssumeRoleWithWebIdentity"]
    (principal,) = sub_blocks(statement, "principals")
    assert unquote(principal["type"]) == "Federated"
    assert [unquote(i) for i in principal["identifiers"]] == ["accounts.google.com"]
    assert unquote(statement.get("effect", '"Allow"')) == "Allow"


def test_bridge_trust_pins_aud_and_sub_to_the_service_account_unique_id():
    (statement,) = sub_blocks(policy(BRIDGE, "trust"), "statement")
    conds = conditions(statement)
    assert conds["accounts.google.com:aud"] == ("StringEquals", ["${var.service_account_unique_id}"])
    assert conds["accounts.google.com:sub"] == ("StringEquals", ["${var.service_account_unique_id}"])
    assert conds["accounts.google.com:oaud"] == ("StringEquals", ["${var.token_audience}"])


def test_bridge_unique_id_is_validated_as_a_service_account_unique_id():
    var = [v for v in blocks("variable", BRIDGE) if v.name == "service_account_unique_id"][0]
    assert "default" not in var.body
    assert "[0-9]{21}" in str(var.body["validation"])


def test_root_wires_the_gcp_service_account_unique_id_into_the_bridge():
    call = module_calls(INFRA / "aws")["doctor_bridge"]
    assert call["service_account_unique_id"] == "${var.doctor_service_account_unique_id}"
    assert call["log_group_arns"] == ["${module.ecs_service.log_group_arn}"]
    gcp_outputs = {o.name: o.body for o in blocks("output", INFRA / "gcp")}
    assert gcp_outputs["doctor_service_account_unique_id"]["value"] == "${google_service_account.doctor.unique_id}"
    cloud_run = resources("google_cloud_run_v2_service", INFRA / "gcp")[0]
    (template,) = sub_blocks(cloud_run.body, "template")
    assert template["service_account"] == "${google_service_account.doctor.email}"


def test_bridge_permissions_are_only_log_reads_and_the_configured_model():
    statements = sub_blocks(policy(BRIDGE, "permissions"), "statement")
    actions = {unquote(a) for s in statements for a in s["actions"]}
    allowed = {
        "logs:FilterLogEvents", "logs:StartQuery", "logs:GetQueryResults", "logs:StopQuery", "logs:DescribeLogGroups",
        "logs:DescribeLogStreams", "logs:GetLogEvents", "bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream",
    }
    assert actions <= allowed, actions - allowed
    assert {"logs:FilterLogEvents", "logs:StartQuery", "logs:GetQueryResults", "bedrock:InvokeModel"} <= actions
    for s in statements:
        assert unquote(s.get("effect", '"Allow"')) == "Allow"
        if any(unquote(a).startswith("bedrock:") for a in s["actions"]):
            assert s["resources"] == "${local.bedrock_resources}"
        if "logs:FilterLogEvents" in [unquote(a) for a in s["actions"]]:
            assert "var.log_group_arns" in s["resources"]


def github_trust(name):
    (statement,) = sub_blocks(policy(GITHUB, name), "statement")
    (principal,) = sub_blocks(statement, "principals")
    assert unquote(principal["type"]) == "Federated"
    assert principal["identifiers"] == ["${local.provider_arn}"]
    assert [unquote(a) for a in statement["actions"]] == ["sts:AssumeRoleWithWebIdentity"]
    return conditions(statement)


def test_github_roles_require_the_sts_audience_and_exact_subjects():
    for name, subjects in (
        ("trust_deploy", "${local.deploy_subjects}"),
        ("trust_plan", "${local.plan_subjects}"),
        ("trust_apply", "${local.apply_subjects}"),
    ):
        conds = github_trust(name)
        assert conds["${local.issuer_host}:aud"] == ("StringEquals", ["sts.amazonaws.com"]), name
        test, values = conds["${local.issuer_host}:sub"]
        assert test == "StringEquals", f"{name}: sub must match exactly, never StringLike"
        assert values == [subjects], name


def test_github_subjects_are_this_repository_on_main_and_dev_only():
    locals_ = {b.name: b.body for b in blocks("locals", GITHUB)}
    assert unquote(locals_["issuer_host"]) == "token.actions.githubusercontent.com"
    assert normalize_expr(locals_["deploy_subjects"]) == normalize_expr(
        '${[for b in var.deploy_branches : "repo:${var.github_repository}:ref:refs/heads/${b}"]}'
    )
    assert normalize_expr(locals_["apply_subjects"]) == normalize_expr(
        '${[for b in var.apply_branches : "repo:${var.github_repository}:ref:refs/heads/${b}"]}'
    )
    # The read-only plan role alone may also be assumed by this repository's pull requests.
    assert normalize_expr(locals_["plan_subjects"]) == normalize_expr(
        '${concat(local.deploy_subjects, var.plan_allow_pull_requests ? ["repo:${var.github_repository}:pull_request"] : [])}'
    )
    roles = {r.name: r.body for r in resources("aws_iam_role", GITHUB)}
    assert roles["deploy"]["assume_role_policy"] == "${data.aws_iam_policy_document.trust_deploy.json}"
    assert roles["terraform_plan"]["assume_role_policy"] == "${data.aws_iam_policy_document.trust_plan.json}"
    assert roles["terraform_apply"]["assume_role_policy"] == "${data.aws_iam_policy_document.trust_apply.json}"
    root = INFRA / "aws"
    assert [unquote(b) for b in variable_default(root, "github_deploy_branches")] == ["main", "dev"]
    assert [unquote(b) for b in variable_default(root, "github_apply_branches")] == ["main"]
    call = module_calls(root)["github_oidc"]
    assert call["deploy_branches"] == "${var.github_deploy_branches}"
    assert call["apply_branches"] == "${var.github_apply_branches}"


def test_the_github_oidc_provider_accepts_only_the_sts_audience():
    (provider,) = resources("aws_iam_openid_connect_provider", GITHUB)
    assert [unquote(c) for c in provider.body["client_id_list"]] == ["sts.amazonaws.com"]


def test_gcp_workload_identity_accepts_only_this_repository_on_main_and_dev():
    (provider,) = resources("google_iam_workload_identity_pool_provider", INFRA / "gcp")
    condition = unquote(provider.body["attribute_condition"])
    repo = "${local.github_owner}/${local.github_name}"
    assert f"assertion.repository == '{repo}'" in condition
    assert f"assertion.sub == 'repo:{repo}:ref:refs/heads/main'" in condition
    assert f"assertion.sub == 'repo:{repo}:ref:refs/heads/dev'" in condition
    assert f"assertion.sub == 'repo:{repo}:pull_request'" in condition
    assert condition.count("assertion.sub ==") == 3
    (oidc,) = sub_blocks(provider.body, "oidc")
    assert unquote(oidc["issuer_uri"]) == "https://token.actions.githubusercontent.com"


def test_gcp_identities_are_bound_to_exact_subjects_and_prs_reach_only_the_plan_account():
    gcp = INFRA / "gcp"
    bindings = {b.name: b.body for b in resources("google_service_account_iam_member", gcp) if unquote(b.body["role"]) == "roles/iam.workloadIdentityUser"}
    assert set(bindings) == {"deployer_wif", "terraform_plan_wif", "terraform_apply_wif"}
    locals_ = {b.name: b.body for b in blocks("locals", gcp)}
    assert unquote(locals_["pool_subject"]) == "principal://iam.googleapis.com/${google_iam_workload_identity_pool.github.name}/subject"
    assert normalize_expr(locals_["branch_members"]) == normalize_expr(
        '${[for b in ["main", "dev"] : "${local.pool_subject}/repo:${var.github_repository}:ref:refs/heads/${b}"]}'
    )
    assert unquote(locals_["pr_member"]) == "${local.pool_subject}/repo:${var.github_repository}:pull_request"
    assert bindings["deployer_wif"]["for_each"] == "${toset(local.branch_members)}"
    assert "local.pr_member" in bindings["terraform_plan_wif"]["for_each"]
    assert "local.pr_member" not in bindings["terraform_apply_wif"]["for_each"]
    assert "local.apply_members" in bindings["terraform_apply_wif"]["for_each"]
    for body in bindings.values():
        assert body["member"] == "${each.value}"
    assert not [b for b in resources("google_service_account_iam_member", gcp) if "principalSet" in str(b.body)]


def test_no_gcp_service_account_key_is_ever_created():
    assert not resources("google_service_account_key")
    assert not resources("aws_iam_access_key")
