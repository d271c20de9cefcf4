"""Shared loading of the Terraform in infra/ for the structure tests.

Every .tf file is parsed with python-hcl2 (8.x keeps string quotes: `unquote` strips them).
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import hcl2
import pytest

INFRA = Path(__file__).resolve().parent.parent
ROOTS = ("aws", "gcp")


def tf_files() -> list[Path]:
    return sorted(p for p in INFRA.rglob("*.tf") if ".terraform" not in p.parts)


def tfvars_files() -> list[Path]:
    return sorted(p for p in INFRA.rglob("*.tfvars") if ".terraform" not in p.parts)


def module_dirs() -> list[Path]:
    return sorted({p.parent for p in tf_files()})


def unquote(value: Any) -> Any:
    """python-hcl2 8 renders the HCL string "x" as '"x"'; expressions stay bare ('${var.x}')."""
    if isinstance(value, str) and len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        return value[1:-1]
    return value


def rel(path: Path) -> str:
    return str(path.relative_to(INFRA.parent))


@dataclass(frozen=True)
class Block:
    """One labelled block: resource/data (kind, type, name) or variable/output/module (kind, name)."""

    file: Path
    kind: str
    type: str
    name: str
    body: dict

    @property
    def address(self) -> str:
        return f"{rel(self.file)}:{self.type + '.' if self.type else ''}{self.name}"


def _load(path: Path) -> dict:
    with path.open() as f:
        return hcl2.load(f)


_CACHE: dict[Path, dict] = {}


def parsed(path: Path) -> dict:
    if path not in _CACHE:
        _CACHE[path] = _load(path)
    return _CACHE[path]


def blocks(kind: str, directory: Path | None = None) -> Iterator[Block]:
    files = tf_files() if directory is None else sorted(directory.glob("*.tf"))
    for f in files:
        for entry in parsed(f).get(kind, []):
            for label, body in entry.items():
                if label.startswith("__"):  # python-hcl2 markers such as __is_block__
                    continue
                label = unquote(label)
                if kind in ("resource", "data"):
                    for name, inner in body.items():
                        if name.startswith("__"):
                            continue
                        yield Block(f, kind, label, unquote(name), inner)
                else:
                    yield Block(f, kind, "", label, body)


def resources(type_: str | None = None, directory: Path | None = None) -> list[Block]:
    return [b for b in blocks("resource", directory) if type_ is None or b.type == type_]


def data_sources(type_: str, directory: Path | None = None) -> list[Block]:
    return [b for b in blocks("data", directory) if b.type == type_]


def one(items: list[Block], what: str) -> Block:
    assert len(items) == 1, f"expected exactly one {what}, found {[b.address for b in items]}"
    return items[0]


def module_calls(directory: Path) -> dict[str, dict]:
    return {b.name: b.body for b in blocks("module", directory)}


def sub_blocks(body: dict, name: str) -> list[dict]:
    """Nested blocks (e.g. `condition`, `statement`) of a parsed block body, as a list."""
    value = body.get(name, [])
    return value if isinstance(value, list) else [value]


def normalize_expr(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="session")
def aws_schema() -> dict | None:
    """The AWS provider schema dumped by scripts/checks/infra (INFRA_AWS_SCHEMA), when terraform could init."""
    path = os.environ.get("INFRA_AWS_SCHEMA")
    if not path or not Path(path).is_file():
        return None
    with open(path) as f:
        schema = json.load(f)
    for provider, body in schema["provider_schemas"].items():
        if provider.endswith("hashicorp/aws"):
            return body["resource_schemas"]
    return None
