"""Static checks of the images and the local platform (no Docker engine here).

hadolint and `docker-compose config` check syntax and style; these check what we promised:
reproducible multi-stage builds, non-root runtime, health checks, start order by health,
loopback-only ports, and a .env.example that documents exactly what the compose file reads.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(os.environ.get("CLOUD_DOCTOR_ROOT", Path(__file__).resolve().parents[2]))
IMAGES = {"patient-api": ROOT / "patient-zone" / "Dockerfile", "doctor": ROOT / "doctor-zone" / "Dockerfile"}


def instructions(dockerfile: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    logical: list[str] = []
    current = ""
    for raw in dockerfile.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not current and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        logical.append(current + line)
        current = ""
    pairs = []
    for line in logical:
        keyword, _, rest = line.partition(" ")
        pairs.append((keyword.upper(), rest.strip()))
    return pairs


def stages(dockerfile: Path) -> list[list[tuple[str, str]]]:
    result: list[list[tuple[str, str]]] = []
    for keyword, rest in instructions(dockerfile):
        if keyword == "FROM":
            result.append([])
        if result:
            result[-1].append((keyword, rest))
    return result


def build_args(dockerfile: Path) -> dict[str, str]:
    args = {}
    for keyword, rest in instructions(dockerfile):
        if keyword == "ARG" and "=" in rest:
            name, _, value = rest.partition("=")
            args[name] = value
    return args


def base_image(stage: list[tuple[str, str]], args: dict[str, str]) -> str:
    image = stage[0][1].split()[0]
    return re.sub(r"\$\{(\w+)\}", lambda m: args.get(m.group(1), m.group(0)), image)


@pytest.mark.parametrize("product", sorted(IMAGES))
def test_builds_in_a_swift_stage_and_runs_in_a_slim_debian_stage(product: str) -> None:
    dockerfile = IMAGES[product]
    args = build_args(dockerfile)
    build, runtime = stages(dockerfile)
    assert re.fullmatch(r"swift:6\.\d+\.\d+-bookworm", base_image(build, args)), "builder: official Swift 6 image, pinned x.y.z"
    assert re.fullmatch(r"debian:12\.\d+-slim", base_image(runtime, args)), "runtime: Debian 12 slim, pinned point release"
    assert " AS " in build[0][1].upper(), "the build stage is named"


@pytest.mark.parametrize("product", sorted(IMAGES))
def test_dependencies_resolve_in_their_own_layer_before_the_sources(product: str) -> None:
    build = stages(IMAGES[product])[0]
    steps = [f"{k} {v}" for k, v in build]
    copy_manifest = next(i for i, s in enumerate(steps) if s.startswith("COPY Package.swift"))
    resolve = next(i for i, s in enumerate(steps) if s.startswith("RUN swift package resolve"))
    first_source = next(i for i, s in enumerate(steps) if re.match(r"COPY (shared|patient-zone|doctor-zone)\b", s))
    assert copy_manifest < resolve < first_source


@pytest.mark.parametrize("product", sorted(IMAGES))
def test_release_build_with_the_static_swift_stdlib(product: str) -> None:
    runs = " ".join(v for k, v in stages(IMAGES[product])[0] if k == "RUN")
    assert f"swift build -c release --static-swift-stdlib --product {product}" in runs
    assert ".resources" in runs, "SwiftPM resource bundles are copied next to the binary"


@pytest.mark.parametrize("product", sorted(IMAGES))
def test_runtime_is_non_root_with_a_healthcheck_and_an_exec_form_entrypoint(product: str) -> None:
    runtime = stages(IMAGES[product])[-1]
    keywords = [k for k, _ in runtime]
    user = [v for k, v in runtime if k == "USER"]
    assert user and re.fullmatch(r"[1-9]\d*(:[1-9]\d*)?", user[-1]), "numeric non-root USER (ECS runs it as 10001:10001)"
    assert "HEALTHCHECK" in keywords
    assert keywords.index("USER") < keywords.index("ENTRYPOINT")
    entrypoint = [v for k, v in runtime if k == "ENTRYPOINT"][-1]
    assert yaml.safe_load(entrypoint) == [f"/app/{product}"]
    assert "/healthz" in [v for k, v in runtime if k == "HEALTHCHECK"][0]


def test_only_patient_api_gets_the_mysql_client_library() -> None:
    def runtime_packages(product: str) -> str:
        return " ".join(v for k, v in stages(IMAGES[product])[-1] if k == "RUN")

    assert "libmariadb3" in runtime_packages("patient-api")
    assert "libmariadb" not in runtime_packages("doctor")
    for product in IMAGES:
        assert "ca-certificates" in runtime_packages(product) and "tzdata" in runtime_packages(product)
        assert "--no-install-recommends" in runtime_packages(product)
        assert "rm -rf /var/lib/apt/lists" in runtime_packages(product)


def test_dockerignore_keeps_build_output_and_secrets_out() -> None:
    lines = {l.strip() for l in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()}
    for required in [".git", ".build", ".build-*", ".venv-*", ".env", "**/*.tfstate", "**/*.pem", "**/.terraform"]:
        assert required in lines, f".dockerignore lacks {required}"


# ---------------------------------------------------------------- docker-compose.yml
@cache
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def services() -> dict[str, dict]:
    return compose()["services"]


def test_the_local_platform_has_every_part() -> None:
    assert {"mariadb", "moto", "patient-api", "patient-api-migrate", "doctor", "web"} <= services().keys()


def test_every_long_running_service_has_a_healthcheck() -> None:
    for name, service in services().items():
        if service.get("restart") == "no":
            continue  # one-shot jobs
        assert "healthcheck" in service, f"{name} has no healthcheck"


def test_start_order_waits_for_health_and_for_migrations() -> None:
    for name, service in services().items():
        for dependency, spec in (service.get("depends_on") or {}).items():
            assert isinstance(spec, dict) and spec.get("condition") in {"service_healthy", "service_completed_successfully"}, (
                f"{name} -> {dependency}: depends_on needs a health/completion condition"
            )
            expected = "service_completed_successfully" if services()[dependency].get("restart") == "no" else "service_healthy"
            assert spec["condition"] == expected, f"{name} -> {dependency}"
    api = services()["patient-api"]["depends_on"]
    assert api["patient-api-migrate"]["condition"] == "service_completed_successfully"
    assert services()["patient-api-migrate"]["command"] == ["migrate"]
    assert services()["patient-api-migrate"]["depends_on"]["mariadb"]["condition"] == "service_healthy"


def test_published_ports_bind_to_loopback_only() -> None:
    for name, service in services().items():
        for port in service.get("ports", []):
            assert str(port).startswith("127.0.0.1:"), f"{name} publishes {port} on every interface"


def test_patient_api_ships_logs_to_the_emulator_and_the_doctor_reads_them_offline() -> None:
    api = services()["patient-api"]["environment"]
    doctor = services()["doctor"]["environment"]
    assert api["AWS_ENDPOINT_URL"] == doctor["AWS_ENDPOINT_URL"] == "http://moto:5000"
    assert api["CLOUDWATCH_LOG_GROUP"] == doctor["DOCTOR_LOG_GROUP"]
    assert doctor["DOCTOR_ANALYZER"].endswith(":-offline}") and doctor["DOCTOR_PRESCRIBER"].endswith(":-offline}")
    assert api["DATABASE_URL"].startswith("mysql://") and "@mariadb:3306/" in api["DATABASE_URL"]


INTERPOLATION = re.compile(r"\$\{(\w+)(?::?[-?][^}]*)?\}")


def test_env_example_documents_exactly_what_compose_reads() -> None:
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    used = set(INTERPOLATION.findall(text))
    example = {
        line.split("=", 1)[0].strip()
        for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
        if "=" in line and not line.lstrip().startswith("#")
    }
    assert used - example == set(), f"compose reads variables .env.example does not document: {sorted(used - example)}"
    assert example - used == set(), f".env.example lists variables compose never reads: {sorted(example - used)}"


def test_every_interpolation_has_a_default_so_up_works_without_a_dotenv() -> None:
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    bare = re.findall(r"\$\{(\w+)\}", text)
    assert not bare, f"variables without a default: {sorted(set(bare))}"


# ---------------------------------------------------------------- the build context (.dockerignore)
def dockerignore_rules() -> list[tuple[bool, re.Pattern[str]]]:
    """Docker's .dockerignore: Go filepath.Match patterns plus `**`, `!` exceptions, last match wins."""
    rules = []
    for raw in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        exception = line.startswith("!")
        pattern = line[1:] if exception else line
        pattern = pattern.strip("/")
        regex = ""
        i = 0
        while i < len(pattern):
            if pattern.startswith("**/", i):
                regex += "(?:.*/)?"
                i += 3
            elif pattern.startswith("**", i):
                regex += ".*"
                i += 2
            elif pattern[i] == "*":
                regex += "[^/]*"
                i += 1
            elif pattern[i] == "?":
                regex += "[^/]"
                i += 1
            else:
                regex += re.escape(pattern[i])
                i += 1
        rules.append((exception, re.compile(regex)))
    return rules


def in_build_context(path: str) -> bool:
    parts = path.split("/")
    prefixes = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    excluded = False
    for exception, regex in dockerignore_rules():
        if any(regex.fullmatch(prefix) for prefix in prefixes):
            excluded = not exception
    return not excluded


def tracked_files() -> list[str]:
    import subprocess

    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, check=True, capture_output=True, text=True).stdout
    return [line for line in listed.splitlines() if line]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("Package.swift", True),
        ("shared/Sources/CloudDoctorModels/LogEvent.swift", True),
        ("patient-zone/Sources/PatientAPI/Resources/openapi.yaml", True),
        (".git/config", False),
        (".build/debug/doctor", False),
        (".build-delivery/x", False),
        (".venv-tools/bin/python", False),
        (".env", False),
        (".env.local", False),
        (".env.example", True),
        ("infra/aws/terraform.tfstate", False),
        ("doctor-zone/Tests/Fixtures/service-account.json", False),
        ("patient-zone/web/index.html", False),
    ],
)
def test_dockerignore_rules_select_the_build_context(path: str, expected: bool) -> None:
    assert in_build_context(path) is expected


def test_the_build_context_holds_every_target_path_package_swift_declares() -> None:
    manifest = (ROOT / "Package.swift").read_text(encoding="utf-8")
    declared = set(re.findall(r'path:\s*"([^"]+)"', manifest))
    assert declared, "no target paths found in Package.swift"
    context = [p for p in tracked_files() if in_build_context(p)]
    for target_path in sorted(declared):
        assert any(p.startswith(target_path.rstrip("/") + "/") for p in context), (
            f"{target_path} (declared in Package.swift) is missing from the image build context"
        )


def test_moto_init_creates_the_log_group_and_is_idempotent_against_a_real_emulator() -> None:
    """The one-shot `moto-init` script from docker-compose.yml, run twice against moto (scripts/test starts it)."""
    import subprocess
    import sys
    import uuid

    endpoint = os.environ.get("AWS_EMULATOR_URL")
    assert endpoint, "AWS_EMULATOR_URL is not set: run this through scripts/test (it starts moto on loopback)"
    service = services()["moto-init"]
    assert service["entrypoint"] == ["python3", "-c"]
    script = service["command"][0]
    group = f"/cloud-doctor/compose-test/{uuid.uuid4().hex}"
    env = {
        **os.environ,
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "LOG_GROUP": group,
    }
    for attempt in (1, 2):
        result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, f"attempt {attempt}: {result.stderr}"
        assert f"log group ready: {group}" in result.stdout

    import boto3

    logs = boto3.client("logs", endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id="testing", aws_secret_access_key="testing")
    found = logs.describe_log_groups(logGroupNamePrefix=group)["logGroups"]
    assert [g["logGroupName"] for g in found] == [group]
