"""GitHub Actions' trigger filters (`branches`, `paths`, `paths-ignore`), evaluated as GitHub does.

Glob syntax (GitHub docs, "Filter pattern cheat sheet"):
  *    zero or more characters, but not `/`
  **   zero or more of any character (`**/` also matches nothing, so `**/x` matches `x`)
  ?    zero or one of the preceding character
  +    one or more of the preceding character
  []   one character listed in the brackets or in a range
  \\   escapes the next character
  !    at the start of a pattern: negation
Patterns are read in order and the last one that matches a path decides: a path is selected when
that pattern is positive. `paths`: the workflow runs when at least one changed path is selected.
`paths-ignore`: the workflow runs unless every changed path is selected.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml


@lru_cache(maxsize=None)
def glob_regex(pattern: str) -> re.Pattern[str]:
    atoms: list[str] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            atoms.append(re.escape(pattern[i + 1]))
            i += 2
        elif pattern.startswith("**/", i):
            atoms.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            atoms.append(".*")
            i += 2
        elif c == "*":
            atoms.append("[^/]*")
            i += 1
        elif c in "?+" and atoms:
            atoms[-1] = f"(?:{atoms[-1]}){c}"
            i += 1
        elif c == "[":
            end = pattern.find("]", i + 1)
            if end == -1:
                raise ValueError(f"unclosed [ in pattern {pattern!r}")
            atoms.append(pattern[i : end + 1])
            i = end + 1
        else:
            atoms.append(re.escape(c))
            i += 1
    return re.compile("".join(atoms))


def glob_match(pattern: str, path: str) -> bool:
    return glob_regex(pattern).fullmatch(path) is not None


def selected(patterns: Iterable[str], path: str) -> bool:
    """True when the last pattern that matches `path` is a positive one."""
    decision = False
    for pattern in patterns:
        negated = pattern.startswith("!")
        if glob_match(pattern[1:] if negated else pattern, path):
            decision = not negated
    return decision


def load_workflow(path: Path) -> dict[str, Any]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(document, dict):
        raise ValueError(f"{path}: not a mapping")
    # YAML 1.1 (PyYAML) reads the key `on` as the boolean True.
    if True in document and "on" not in document:
        document["on"] = document.pop(True)
    return document


def event_filters(workflow: dict[str, Any], event: str) -> dict[str, Any] | None:
    """The filter mapping of `event`, `{}` when it has none, None when the event does not trigger."""
    on = workflow.get("on")
    if isinstance(on, str):
        return {} if on == event else None
    if isinstance(on, list):
        return {} if event in on else None
    if isinstance(on, dict):
        if event not in on:
            return None
        return on[event] or {}
    raise ValueError(f"unreadable `on:` {on!r}")


def triggers(workflow: dict[str, Any], event: str, branch: str, changed: Iterable[str]) -> bool:
    """Would `event` on `branch` (the pushed branch, or a PR's base branch) with these changed files run it?"""
    filters = event_filters(workflow, event)
    if filters is None:
        return False
    if "paths" in filters and "paths-ignore" in filters:
        raise ValueError(f"{event}: paths and paths-ignore together are not allowed by GitHub")
    if "branches" in filters and "branches-ignore" in filters:
        raise ValueError(f"{event}: branches and branches-ignore together are not allowed by GitHub")
    if "branches" in filters and not selected(filters["branches"], branch):
        return False
    if "branches-ignore" in filters and selected(filters["branches-ignore"], branch):
        return False
    changed = list(changed)
    if "paths" in filters:
        return any(selected(filters["paths"], path) for path in changed)
    if "paths-ignore" in filters:
        return not all(selected(filters["paths-ignore"], path) for path in changed)
    return True
