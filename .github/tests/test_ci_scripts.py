"""scripts/ci/*: the helpers the deploy workflows run, tested here with real loopback HTTP.

No Docker engine here, so `docker` is a stand-in on PATH that runs a small HTTP server in
place of the container and records what it was asked; the smoke test itself is the real script.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("CLOUD_DOCTOR_ROOT", Path(__file__).resolve().parents[2]))
SMOKE = ROOT / "scripts" / "ci" / "smoke-container"
TERRAFORM_INIT = ROOT / "scripts" / "ci" / "terraform-init"

FAKE_SERVICE = textwrap.dedent(
    """
    import sys
    from http.server import BaseHTTPRequestHandler, HTTPServer

    port, mode = int(sys.argv[1]), sys.argv[2]
    if mode == "exits":
        sys.exit(3)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            status = 200 if (mode == "healthy" and self.path == "/healthz") else 503
            body = b'{"status":"ok"}' if status == 200 else b'{"status":"unavailable"}'
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    HTTPServer(("127.0.0.1", port), Handler).serve_forever()
    """
)

# The stand-in: `docker run` starts FAKE_SERVICE in the mode named by the image, the rest
# answers from the recorded pid; every call is appended to calls.jsonl.
FAKE_DOCKER = textwrap.dedent(
    """\
    #!/usr/bin/env python3
    import json, os, signal, subprocess, sys, time
    state = os.environ["FAKE_DOCKER_STATE"]
    args = sys.argv[1:]
    with open(os.path.join(state, "calls.jsonl"), "a") as log:
        log.write(json.dumps(args) + "\\n")
    command = args[0]
    def pid_of(name):
        with open(os.path.join(state, name + ".pid")) as f:
            return int(f.read())
    def alive(pid):
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            done = 0
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"
    if command == "run":
        name = args[args.index("--name") + 1]
        port = args[args.index("--publish") + 1].split(":")[1]
        image = args[-1]
        process = subprocess.Popen([sys.executable, os.path.join(state, "service.py"), port, image.split(":")[0]],
                                   start_new_session=True)
        with open(os.path.join(state, name + ".pid"), "w") as f:
            f.write(str(process.pid))
        print("container-id")
    elif command == "inspect":
        print("true" if alive(pid_of(args[-1])) else "false")
    elif command == "logs":
        print("fake log line from", args[-1])
    elif command == "rm":
        try:
            os.killpg(pid_of(args[-1]), signal.SIGTERM)
        except ProcessLookupError:
            pass
        open(os.path.join(state, "removed"), "w").close()
    else:
        sys.exit(f"fake docker: unexpected {args}")
    """
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def fake_docker(tmp_path: Path) -> dict[str, str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    docker = bin_dir / "docker"
    docker.write_text(FAKE_DOCKER.replace("#!/usr/bin/env python3", f"#!{sys.executable}", 1))
    docker.chmod(docker.stat().st_mode | stat.S_IEXEC)
    (tmp_path / "service.py").write_text(FAKE_SERVICE)
    return {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "FAKE_DOCKER_STATE": str(tmp_path),
        "SMOKE_PORT": str(free_port()),
        "SMOKE_SECONDS": "5",
    }


def calls(env: dict[str, str]) -> list[list[str]]:
    lines = Path(env["FAKE_DOCKER_STATE"], "calls.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines]


def smoke(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SMOKE), *args], env=env, capture_output=True, text=True, timeout=60)


def test_smoke_passes_when_the_image_answers_healthz(fake_docker) -> None:
    result = smoke(fake_docker, "healthy:abc", "--read-only", "--tmpfs", "/tmp", "-e", "A=1")
    assert result.returncode == 0, result.stderr
    assert "GET /healthz -> 200" in result.stdout
    run = next(c for c in calls(fake_docker) if c[0] == "run")
    assert run[-1] == "healthy:abc", "the image comes last"
    assert run[-6:-1] == ["--read-only", "--tmpfs", "/tmp", "-e", "A=1"], "extra options reach docker run"
    assert f"127.0.0.1:{fake_docker['SMOKE_PORT']}:8080" in run, "published on loopback only"
    assert Path(fake_docker["FAKE_DOCKER_STATE"], "removed").exists(), "the container is removed"
    assert not any(c[0] == "logs" for c in calls(fake_docker)), "no log dump on success"


def test_smoke_fails_fast_when_the_process_exits(fake_docker) -> None:
    result = smoke(fake_docker, "exits:abc")
    assert result.returncode == 1
    assert "exited before it answered" in result.stderr
    assert "fake log line" in result.stderr, "the container's logs are shown on failure"
    assert Path(fake_docker["FAKE_DOCKER_STATE"], "removed").exists()


def test_smoke_fails_when_healthz_never_answers_200(fake_docker) -> None:
    fake_docker["SMOKE_SECONDS"] = "2"
    result = smoke(fake_docker, "unhealthy:abc")
    assert result.returncode == 1
    assert "did not answer GET /healthz within 2 s" in result.stderr
    assert Path(fake_docker["FAKE_DOCKER_STATE"], "removed").exists()


def test_smoke_without_an_image_prints_usage() -> None:
    result = subprocess.run([str(SMOKE)], capture_output=True, text=True, timeout=10)
    assert result.returncode == 2 and "usage:" in result.stderr


# ---------------------------------------------------------------- terraform-init
FAKE_TERRAFORM = textwrap.dedent(
    """\
    #!/usr/bin/env bash
    printf '%s\\n' "$@" > "$FAKE_TERRAFORM_ARGS"
    """
)


@pytest.fixture
def fake_terraform(tmp_path: Path) -> dict[str, str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    terraform = bin_dir / "terraform"
    terraform.write_text(FAKE_TERRAFORM)
    terraform.chmod(terraform.stat().st_mode | stat.S_IEXEC)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "GCP_"))}
    env.update({"PATH": f"{bin_dir}:{os.environ['PATH']}", "FAKE_TERRAFORM_ARGS": str(tmp_path / "args")})
    return env


def terraform_init(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(TERRAFORM_INIT), *args], env=env, capture_output=True, text=True, timeout=30)


def test_terraform_init_aws_passes_the_environment_backend_and_writes_the_tfvars(fake_terraform) -> None:
    tfvars = ROOT / "infra" / "aws" / "ci.auto.tfvars.json"
    fake_terraform.update({"AWS_STATE_BUCKET": "state-bucket", "AWS_REGION": "eu-west-1", "AWS_TFVARS": '{"web_domain_name": "app.example.com"}'})
    try:
        result = terraform_init(fake_terraform, "aws", "prod")
        assert result.returncode == 0, result.stderr
        args = Path(fake_terraform["FAKE_TERRAFORM_ARGS"]).read_text().splitlines()
        assert args[0] == f"-chdir={ROOT / 'infra' / 'aws'}" and args[1] == "init"
        assert "-backend-config=envs/prod.s3.tfbackend" in args
        assert "-backend-config=bucket=state-bucket" in args
        assert "-backend-config=region=eu-west-1" in args
        assert json.loads(tfvars.read_text()) == {"web_domain_name": "app.example.com"}
    finally:
        tfvars.unlink(missing_ok=True)


def test_terraform_init_gcp_uses_the_gcs_backend(fake_terraform) -> None:
    tfvars = ROOT / "infra" / "gcp" / "ci.auto.tfvars.json"
    fake_terraform.update({"GCP_STATE_BUCKET": "gcs-state", "GCP_TFVARS": '{"project_id": "p"}'})
    try:
        result = terraform_init(fake_terraform, "gcp", "dev")
        assert result.returncode == 0, result.stderr
        args = Path(fake_terraform["FAKE_TERRAFORM_ARGS"]).read_text().splitlines()
        assert "-backend-config=envs/dev.gcs.tfbackend" in args and "-backend-config=bucket=gcs-state" in args
    finally:
        tfvars.unlink(missing_ok=True)


@pytest.mark.parametrize(
    ("args", "extra", "message"),
    [
        (["aws", "staging"], {}, "unknown environment"),
        (["azure", "dev"], {}, "unknown stack"),
        (["aws"], {}, "usage:"),
        (["aws", "dev"], {"AWS_REGION": "eu-west-1", "AWS_TFVARS": "{}"}, "AWS_STATE_BUCKET"),
        (["aws", "dev"], {"AWS_STATE_BUCKET": "b", "AWS_REGION": "eu-west-1", "AWS_TFVARS": "[1, 2]"}, "must be a JSON object"),
        (["aws", "dev"], {"AWS_STATE_BUCKET": "b", "AWS_REGION": "eu-west-1", "AWS_TFVARS": "not json"}, "must be a JSON object"),
        (["gcp", "dev"], {"GCP_STATE_BUCKET": "b"}, "must be a JSON object"),
    ],
)
def test_terraform_init_refuses_bad_input_before_running_terraform(fake_terraform, args, extra, message) -> None:
    fake_terraform.update(extra)
    result = terraform_init(fake_terraform, *args)
    assert result.returncode != 0
    assert message in result.stderr
    assert not Path(fake_terraform["FAKE_TERRAFORM_ARGS"]).exists(), "terraform must not run"
