"""infra/README.md stays true: every output it promises exists, and every checkov skip is listed."""
from __future__ import annotations

import re

import pytest

from conftest import INFRA, blocks, rel, tf_files

README = (INFRA / "README.md").read_text()
SKIP = re.compile(r"#\s*checkov:skip=([A-Z0-9_]+):\s*(\S.*)")


def readme_outputs(root: str) -> set[str]:
    section = README.split(f"### `infra/{root}`", 1)[1].split("\n### ", 1)[0].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([a-z0-9_]+)`", section, re.M)) | set(re.findall(r"^\| `[a-z0-9_]+`, `([a-z0-9_]+)`", section, re.M))


@pytest.mark.parametrize("root", ["aws", "gcp"])
def test_readme_lists_exactly_the_root_outputs(root):
    declared = {o.name for o in blocks("output", INFRA / root)}
    listed = readme_outputs(root)
    assert listed == declared, {"in README only": sorted(listed - declared), "undocumented": sorted(declared - listed)}


def inline_skips() -> list[tuple[str, str, str]]:
    found = []
    for path in tf_files():
        for line in path.read_text().splitlines():
            m = SKIP.search(line)
            if m:
                found.append((rel(path), m.group(1), m.group(2)))
    return found


def test_every_inline_checkov_skip_has_a_reason_and_is_listed_in_the_readme():
    section = README.split("## Checkov exceptions", 1)[1].split("\n## ", 1)[0]
    rows = set(re.findall(r"^\| `(CKV[A-Z0-9_]+)` \| `([^`]+)`", section, re.M))
    skips = inline_skips()
    assert skips, "expected the documented exceptions to be present inline"
    code = {(check, path) for path, check, _ in skips}
    for path, check, reason in skips:
        assert len(reason) > 20, f"{path}: {check} needs a real reason"
    assert code == rows, {"inline but not in README": sorted(code - rows), "in README but not inline": sorted(rows - code)}


def test_no_checkov_config_file_turns_checks_off():
    for name in (".checkov.yaml", ".checkov.yml", ".checkov.json"):
        assert not (INFRA / name).exists() and not (INFRA.parent / name).exists(), name
