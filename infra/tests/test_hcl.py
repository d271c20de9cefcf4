"""Every Terraform file parses, and every variable and output documents itself."""
from __future__ import annotations

from pathlib import Path

import hcl2
import pytest

from conftest import INFRA, blocks, module_dirs, rel, tf_files, tfvars_files, unquote


def test_the_tree_has_both_zones_and_their_modules():
    dirs = {rel(d) for d in module_dirs()}
    for expected in ("infra/aws", "infra/gcp", "infra/aws/modules/doctor-bridge", "infra/aws/modules/ecs-service"):
        assert expected in dirs


@pytest.mark.parametrize("path", tf_files() + tfvars_files(), ids=rel)
def test_file_parses_with_python_hcl2(path: Path):
    with path.open() as f:
        parsed = hcl2.load(f)
    assert isinstance(parsed, dict)


@pytest.mark.parametrize("directory", module_dirs(), ids=rel)
def test_every_variable_has_a_type_and_a_description(directory: Path):
    problems = []
    for var in blocks("variable", directory):
        if "type" not in var.body:
            problems.append(f"{var.address}: no type")
        description = unquote(var.body.get("description", ""))
        if not isinstance(description, str) or len(description.strip()) < 8:
            problems.append(f"{var.address}: no description")
    assert not problems, problems


@pytest.mark.parametrize("directory", module_dirs(), ids=rel)
def test_every_output_has_a_description(directory: Path):
    problems = [o.address for o in blocks("output", directory) if not unquote(o.body.get("description", "")).strip()]
    assert not problems, problems


@pytest.mark.parametrize("directory", module_dirs(), ids=rel)
def test_every_module_pins_terraform_and_its_provider(directory: Path):
    text = "\n".join(p.read_text() for p in directory.glob("*.tf"))
    assert "required_version" in text, f"{rel(directory)} has no required_version"
    if rel(directory).startswith("infra/aws"):
        assert '">= 5.0, < 7.0"' in text, f"{rel(directory)} must accept hashicorp/aws 5.x and 6.x"
    else:
        assert '"~> 6.0"' in text, f"{rel(directory)} must pin hashicorp/google ~> 6.0"


def test_every_module_call_passes_only_variables_the_module_declares():
    problems = []
    for directory in (INFRA / "aws", INFRA / "gcp"):
        for call in blocks("module", directory):
            source = unquote(call.body["source"])
            target = (directory / source).resolve()
            declared = {v.name for v in blocks("variable", target)}
            passed = {k for k in call.body if k not in ("source", "providers", "depends_on", "count", "for_each") and not k.startswith("__")}
            problems += [f"{call.address}: {k} is not a variable of {source}" for k in sorted(passed - declared)]
            required = {v.name for v in blocks("variable", target) if "default" not in v.body}
            problems += [f"{call.address}: required {k} not passed" for k in sorted(required - passed)]
    assert not problems, problems
