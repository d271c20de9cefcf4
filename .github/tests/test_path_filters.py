"""The workflows' path filters deploy exactly what a change touches, and nothing else.

Each deploy workflow runs a dry run on pull requests and deploys on pushes to dev/main;
the table below is the contract: which deploys a change under each part of the tree starts.
"""

from __future__ import annotations

import os
import re
import subprocess
from functools import cache
from pathlib import Path

import pytest

from github_filters import glob_match, load_workflow, selected, triggers

ROOT = Path(os.environ.get("CLOUD_DOCTOR_ROOT", Path(__file__).resolve().parents[2]))
WORKFLOWS = ROOT / ".github" / "workflows"

PATIENT = "deploy-patient-zone"
DOCTOR = "deploy-doctor-zone"
FRONTEND = "deploy-frontend"
TERRAFORM = "terraform"
DEPLOYS = {PATIENT, DOCTOR, FRONTEND, TERRAFORM}


@cache
def workflows() -> dict[str, dict]:
    found = {p.stem: load_workflow(p) for p in sorted(WORKFLOWS.glob("*.yml"))}
    assert found, f"no workflows under {WORKFLOWS}"
    return found


# ---------------------------------------------------------------- the glob engine itself
# Cases from GitHub's "Filter pattern cheat sheet".
GLOB_CASES = [
    ("*", "README.md", True),
    ("*", "server.rb", True),
    ("*", "docs/README.md", False),
    ("*.jsx?", "page.js", True),
    ("*.jsx?", "page.jsx", True),
    ("*.jsx?", "page.jsxx", False),
    ("**", "all/the/files.md", True),
    ("*.js", "app.js", True),
    ("*.js", "js/app.js", False),
    ("**.js", "index.js", True),
    ("**.js", "js/index.js", True),
    ("**.js", "src/js/app.js", True),
    ("docs/*", "docs/README.md", True),
    ("docs/*", "docs/file.txt", True),
    ("docs/*", "docs/mona/octocat.txt", False),
    ("docs/**", "docs/README.md", True),
    ("docs/**", "docs/mona/octocat.txt", True),
    ("docs/**", "mydocs/README.md", False),
    ("docs/**/*.md", "docs/README.md", True),
    ("docs/**/*.md", "docs/mona/hello-world.md", True),
    ("docs/**/*.md", "docs/a/markdown/file.md", True),
    ("docs/**/*.md", "docs/a/markdown/file.txt", False),
    ("**/docs/**", "docs/hello.md", True),
    ("**/docs/**", "dir/docs/my-file.txt", True),
    ("**/docs/**", "space/docs/plan/space.doc", True),
    ("**/README.md", "README.md", True),
    ("**/README.md", "js/README.md", True),
    ("**/*src/**", "a/src/app.js", True),
    ("**/*src/**", "my-src/code/js/app.js", True),
    ("**/*-post.md", "my-post.md", True),
    ("**/*-post.md", "path/their-post.md", True),
    ("**/migrate-*.sql", "migrate-10909.sql", True),
    ("**/migrate-*.sql", "db/migrate-v1.0.sql", True),
    ("**/migrate-*.sql", "db/sept/migrate-v1.sql", True),
    ("v1+.txt", "v11.txt", True),
    ("v1+.txt", "v.txt", False),
    ("[CB]at.txt", "Cat.txt", True),
    ("[CB]at.txt", "Hat.txt", False),
    ("a\\*b", "a*b", True),
    ("a\\*b", "axb", False),
    ("Package.swift", "Package.swift", True),
    ("Package.swift", "PackageXswift", False),
]


@pytest.mark.parametrize(("pattern", "path", "expected"), GLOB_CASES)
def test_glob_matches_like_github(pattern: str, path: str, expected: bool) -> None:
    assert glob_match(pattern, path) is expected


@pytest.mark.parametrize(
    ("patterns", "path", "expected"),
    [
        (["*.md", "!README.md"], "hello.md", True),
        (["*.md", "!README.md"], "README.md", False),
        (["*.md", "!README.md"], "docs/hello.md", False),
        (["*.md", "!README.md", "README*"], "README.md", True),
        (["*.md", "!README.md", "README*"], "README.doc", True),
        (["!README.md"], "README.md", False),
        (["!README.md"], "hello.md", False),
    ],
)
def test_negation_is_decided_by_the_last_matching_pattern(patterns: list[str], path: str, expected: bool) -> None:
    assert selected(patterns, path) is expected


def test_paths_ignore_runs_unless_every_changed_file_is_ignored() -> None:
    workflow = {"on": {"push": {"paths-ignore": ["docs/**"]}}}
    assert not triggers(workflow, "push", "main", ["docs/a.md"])
    assert triggers(workflow, "push", "main", ["docs/a.md", "src/x.swift"])


def test_branch_filters_apply_before_paths() -> None:
    workflow = {"on": {"push": {"branches": ["main"], "paths": ["**"]}}}
    assert triggers(workflow, "push", "main", ["a"])
    assert not triggers(workflow, "push", "feature/x", ["a"])


# ---------------------------------------------------------------- the repository's workflows
# (changed files, deploys that must start). A change starts CI too, always.
CASES = [
    (["shared/Sources/CloudDoctorModels/LogEvent.swift"], {PATIENT, DOCTOR}),
    (["shared/Tests/AWSCoreTests/SigV4Tests.swift"], {PATIENT, DOCTOR}),
    (["Package.swift"], {PATIENT, DOCTOR}),
    ([".dockerignore"], {PATIENT, DOCTOR}),
    (["patient-zone/Sources/PatientAPI/Routes.swift"], {PATIENT}),
    (["patient-zone/Dockerfile"], {PATIENT}),
    (["patient-zone/Tests/BCryptTests/BCryptTests.swift"], {PATIENT}),
    (["patient-zone/web/index.html"], {FRONTEND}),
    (["patient-zone/web/assets/app.js"], {FRONTEND}),
    (["patient-zone/local/nginx.conf"], set()),
    (["doctor-zone/Sources/LogTriage/Drain.swift"], {DOCTOR}),
    (["doctor-zone/Dockerfile"], {DOCTOR}),
    (["infra/aws/main.tf"], {TERRAFORM}),
    (["infra/gcp/cloud_run.tf"], {TERRAFORM}),
    (["infra/aws/modules/ecr/main.tf"], {TERRAFORM}),
    (["infra/tests/test_hcl.py"], {TERRAFORM}),
    (["README.md"], set()),
    (["docs/decisions.md"], set()),
    (["docs/delivery.md"], set()),
    (["scripts/test"], set()),
    (["scripts/ci/smoke-container"], set()),
    (["benchmarks/Package.swift"], set()),
    (["docker-compose.yml"], set()),
    ([".env.example"], set()),
    ([".ci/run"], set()),
    ([".github/tests/test_path_filters.py"], set()),
    ([".github/workflows/ci.yml"], set()),
    ([".github/workflows/deploy-patient-zone.yml"], {PATIENT}),
    ([".github/workflows/deploy-doctor-zone.yml"], {DOCTOR}),
    ([".github/workflows/deploy-frontend.yml"], {FRONTEND}),
    ([".github/workflows/terraform.yml"], {TERRAFORM}),
    (["README.md", "patient-zone/web/app.css"], {FRONTEND}),
    (["patient-zone/web/app.css", "patient-zone/Sources/PatientAPI/X.swift"], {PATIENT, FRONTEND}),
    (["shared/Sources/AWSCore/SigV4.swift", "infra/aws/main.tf"], {PATIENT, DOCTOR, TERRAFORM}),
    (["docs/x.md", "README.md", "scripts/demo"], set()),
]

EVENTS = [("push", "main"), ("push", "dev"), ("pull_request", "main"), ("pull_request", "dev")]


@pytest.mark.parametrize(("event", "branch"), EVENTS)
@pytest.mark.parametrize(("changed", "expected"), CASES, ids=lambda v: ",".join(sorted(v)) if isinstance(v, (list, set)) else str(v))
def test_a_change_starts_exactly_the_deploys_it_touches(changed, expected, event, branch) -> None:
    flows = workflows()
    missing = DEPLOYS - flows.keys()
    assert not missing, f"deploy workflows missing: {sorted(missing)}"
    started = {name for name in DEPLOYS if triggers(flows[name], event, branch, changed)}
    assert started == expected, f"{event} to {branch} changing {changed}: started {sorted(started)}, expected {sorted(expected)}"
    assert triggers(flows["ci"], event, branch, changed), "ci must run on every change"


@pytest.mark.parametrize("event", ["push", "pull_request"])
def test_other_branches_deploy_nothing(event: str) -> None:
    flows = workflows()
    for name in DEPLOYS:
        assert not triggers(flows[name], event, "feature/login", ["shared/x.swift", "infra/aws/main.tf", "patient-zone/web/a"]), name


def test_every_tracked_top_level_folder_is_in_the_table() -> None:
    """A new top-level folder must be added to CASES, with the deploys it should start."""
    try:
        listed = subprocess.run(["git", "ls-files"], cwd=ROOT, check=True, capture_output=True, text=True).stdout.split()
        folders = {p.split("/", 1)[0] for p in listed if "/" in p}
    except (OSError, subprocess.CalledProcessError):
        folders = {p.name for p in ROOT.iterdir() if p.is_dir() and not p.name.startswith((".build", ".venv", ".git"))}
    folders -= {".git"}
    covered = {path.split("/", 1)[0] for changed, _ in CASES for path in changed if "/" in path}
    assert folders <= covered, f"top-level folders with no path-filter case: {sorted(folders - covered)}"


@pytest.mark.parametrize("name", sorted(DEPLOYS))
def test_the_dry_run_watches_the_same_paths_as_the_deploy(name: str) -> None:
    on = workflows()[name]["on"]
    assert on["pull_request"].get("paths") == on["push"].get("paths")
    assert on["pull_request"].get("branches") == on["push"].get("branches") == ["dev", "main"]


PINNED_USES = re.compile(r"^\s*(?:-\s+)?uses:\s*([^@\s]+)@([0-9a-f]{40})\s+#\s+v\d+(?:\.\d+)*\s*$")


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.yml")), ids=lambda p: p.name)
def test_actions_are_pinned_to_a_commit_with_its_version(path: Path) -> None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if re.match(r"^\s*(?:-\s+)?uses:", line) and not line.lstrip("- ").startswith("uses: ./"):
            assert PINNED_USES.match(line), f"{path.name}:{number}: not pinned to a full SHA with a `# vX.Y.Z` comment: {line.strip()}"


@pytest.mark.parametrize("name", sorted(["ci", *DEPLOYS]))
def test_permissions_start_empty_and_oidc_jobs_declare_no_environment(name: str) -> None:
    """Top-level `permissions: {}`; a job that can mint an OIDC token declares no environment, so its
    token subject stays `repo:OWNER/REPO:ref:refs/heads/BRANCH` (or `:pull_request`), the subjects
    infra/aws trusts; environments (and their approvals) are resolved by a separate job."""
    workflow = workflows()[name]
    assert workflow.get("permissions") == {}, "top-level permissions must be {}"
    for job_name, job in workflow["jobs"].items():
        permissions = job.get("permissions")
        assert isinstance(permissions, dict), f"{job_name}: job permissions must be explicit"
        if permissions.get("id-token") == "write":
            assert "environment" not in job, f"{job_name}: mints OIDC tokens and declares an environment"
