"""GitLab code quality: a JSON array of issues, one per finding, for merge request widgets.

GitLab reads ``description``, ``check_name``, ``fingerprint``, ``severity`` and
``location`` (``path`` and ``lines.begin``). Severities map as

- error -> ``critical``: a gap that fails the audit at the default threshold;
- warning -> ``major``;
- info -> ``info``.

``blocker`` and ``minor`` are not used: leadaudit has no level above error, and three
levels keep the order of its own. GitLab compares the report of a merge request with the
target branch's by fingerprint, so a fingerprint never depends on a line number: it is
the SHA-256 of the file's path and the finding's own fingerprint (rule, subject and what
was found). Paths are written as given, so run ``check`` from the repository's root.
Waived findings are left out, as they are accepted.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from pathlib import PurePath
from typing import Any

from leadaudit.findings import AuditResult, Finding, Severity
from leadaudit.reporters import RenderOptions
from leadaudit.sanitize import json_safe, one_line

SEVERITY = {Severity.error: "critical", Severity.warning: "major", Severity.info: "info"}
"""leadaudit severity -> GitLab code quality severity."""


def report_path(file: str) -> str:
    """A file as GitLab matches it against the repository: forward slashes, no './'."""
    return PurePath(file).as_posix()


def fingerprint(path: str, finding_fingerprint: str, occurrence: int = 1) -> str:
    """SHA-256 (hex) of the path and the finding's fingerprint; ``occurrence`` tells apart
    findings of one file that share a fingerprint (the second and later add their count)."""
    key = f"{path}\0{finding_fingerprint}"
    if occurrence > 1:
        key += f"\0{occurrence}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _sort_key(item: tuple[str, Finding]) -> tuple[str, int, str, str, str]:
    path, f = item
    return (path, f.location.line, f.rule, f.fingerprint, f.message)


def _issues(results: Sequence[AuditResult]) -> Iterator[dict[str, Any]]:
    found = sorted(((report_path(r.file), f) for r in results for f in r.findings), key=_sort_key)
    seen: dict[tuple[str, str], int] = {}
    for path, f in found:
        key = (path, f.fingerprint)
        seen[key] = seen.get(key, 0) + 1
        yield {
            "description": one_line(f"{f.rule}: {f.message}"),
            "check_name": f"{f.rule} {f.slug}",
            "fingerprint": fingerprint(path, f.fingerprint, seen[key]),
            "severity": SEVERITY[f.severity],
            "location": {"path": path, "lines": {"begin": f.location.line}},
        }


def render(results: Sequence[AuditResult], _options: RenderOptions) -> str:
    """The code quality report: an array of issues ordered by path, line and rule."""
    text = json.dumps(list(_issues(results)), indent=2, ensure_ascii=False, allow_nan=False)
    return json_safe(text) + "\n"
