"""The ``exclude`` setting: files ``check-changed`` passes over, matched as .gitignore lines.

A pattern is relative to the configuration file's folder. ``*`` matches within one path
segment, ``?`` one character of it and ``**`` any number of folders; every other character
stands for itself. A pattern with a ``/`` before its end is anchored to that folder
(``drafts/old.yaml``); one without matches a file or folder name at any depth
(``*.draft.yaml``, ``archive``). A trailing ``/`` matches folders only, so ``drafts/``
leaves out everything below any folder named drafts. There is no negation.
"""

from __future__ import annotations

import os
import re
from dataclasses import field
from pathlib import Path, PurePosixPath

from leadaudit.records import record


def pattern_problem(pattern: str) -> str | None:
    """Why ``pattern`` cannot be used, or None when it can."""
    if "\\" in pattern:
        return f"'{pattern}': write paths with '/', not '\\'"
    body = pattern.strip("/")
    if not body:
        return f"'{pattern}' matches nothing; give a file or folder pattern"
    if re.match(r"[A-Za-z]:", body) or ".." in PurePosixPath(body).parts:
        return f"'{pattern}' is outside the configuration file's folder"
    return None


def _segment(glob: str) -> str:
    """The regular expression of a glob within one path segment."""
    return "".join("[^/]*" if ch == "*" else "[^/]" if ch == "?" else re.escape(ch) for ch in glob)


def _regex(pattern: str) -> re.Pattern[str]:
    """The regular expression a relative path (``a/b/c``) must match in full."""
    parts = pattern.split("/")
    out = ""
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if part == "**":
            out += ".*" if last else "(?:[^/]+/)*"
        else:
            out += _segment(part) + ("" if last else "/")
    return re.compile(out)


@record
class Rule:
    """One compiled pattern."""

    text: str
    regex: re.Pattern[str]
    anchored: bool
    folders_only: bool


def compile_rule(pattern: str) -> Rule:
    """A checked pattern (see ``pattern_problem``) compiled for matching."""
    folders_only = pattern.endswith("/")
    body = pattern.strip("/")
    anchored = "/" in pattern.rstrip("/")
    return Rule(pattern, _regex(body), anchored, folders_only)


def _absolute(path: Path) -> Path:
    """``path`` from the root, '..' worked out by name: as written, links not followed."""
    return Path(os.path.normpath(Path.cwd() / path))


@record
class Exclude:
    """The patterns of one configuration file, and the folder they are relative to."""

    base: Path = Path()
    rules: tuple[Rule, ...] = field(default=())

    @classmethod
    def of(cls, base: Path, patterns: tuple[str, ...]) -> Exclude:
        """Patterns already checked with ``pattern_problem``."""
        return cls(base, tuple(compile_rule(p) for p in patterns))

    @property
    def patterns(self) -> tuple[str, ...]:
        """The patterns as written."""
        return tuple(rule.text for rule in self.rules)

    def match(self, path: Path) -> str | None:
        """The first pattern that excludes ``path``, or None. A path outside the base
        folder is never excluded."""
        if not self.rules:
            return None
        try:
            parts = _absolute(path).relative_to(_absolute(self.base)).parts
        except ValueError:
            return None
        for depth in range(1, len(parts) + 1):
            folder = depth < len(parts)
            prefix = "/".join(parts[:depth])
            for rule in self.rules:
                if rule.folders_only and not folder:
                    continue
                subject = prefix if rule.anchored else parts[depth - 1]
                if rule.regex.fullmatch(subject):
                    return rule.text
        return None
