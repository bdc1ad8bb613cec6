"""A baseline saved as a JSON result (``check --format json``): read, checked, located.

Only what matching needs is read: each file's name, the framework it was audited against,
and its findings (with their fingerprints). Other fields are passed over, so a result
from a later version 1 reads too. Reading and locating the JSON is ``jsonsource``'s, as
for ``leadaudit summary``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from leadaudit.baseline.model import StaleEntry
from leadaudit.errors import InputError, Problem
from leadaudit.findings import Finding, Location, Severity
from leadaudit.league.jsonsource import load_json, located
from leadaudit.limits import Limits
from leadaudit.messages import plural
from leadaudit.records import record
from leadaudit.source import Document
from leadaudit.validation import validate

HINT = "a baseline is a result saved with 'leadaudit check --format json'"
_LONG = 10_000


class _Read(BaseModel):
    """Strict and frozen; unknown fields passed over (a later version 1 only adds some)."""

    model_config = ConfigDict(strict=True, frozen=True, extra="ignore", hide_input_in_errors=True)


class SavedFinding(_Read):
    """A finding as the JSON result records it."""

    rule: str = Field(max_length=_LONG)
    slug: str = Field(max_length=_LONG)
    title: str = Field(max_length=_LONG)
    severity: Literal["error", "warning", "info"]
    message: str = Field(max_length=_LONG)
    subject: str | None = Field(max_length=_LONG)
    subject_kind: str = Field(max_length=_LONG)
    file: str = Field(max_length=_LONG)
    line: int = Field(ge=1)
    column: int = Field(ge=1)
    area: str = Field(max_length=_LONG)
    bullet: str = Field(max_length=_LONG)
    remediation: str = Field(max_length=_LONG)
    found: str | None = Field(max_length=_LONG)
    fingerprint: str = Field(max_length=_LONG)


class SavedFramework(_Read):
    """The framework a file was audited against."""

    name: str = Field(max_length=_LONG)


class SavedFile(_Read):
    """One file's entry in the JSON result."""

    file: str = Field(max_length=_LONG)
    framework: SavedFramework
    findings: list[SavedFinding]


class SavedResult(_Read):
    """The JSON result of ``leadaudit check --format json`` (schema version 1)."""

    schema_version: Literal[1]
    files: list[SavedFile]


def _with_hint(problems: Iterable[Problem]) -> list[Problem]:
    return [p if p.hint else replace(p, hint=HINT) for p in problems]


def _parse(document: Document, text: str) -> SavedResult:
    try:
        return SavedResult.model_validate(document.data)
    except ValidationError:
        try:
            validate(SavedResult, located(document, text))
        except InputError as exc:
            raise InputError(_with_hint(exc.problems), exc.omitted) from None
        raise  # pragma: no cover - the same data fails the same way twice


def _finding(f: SavedFinding) -> Finding:
    return Finding(
        rule=f.rule,
        slug=f.slug,
        title=f.title,
        severity=Severity(f.severity),
        message=f.message,
        subject=f.subject,
        subject_kind=f.subject_kind,
        location=Location(f.file, f.line, f.column),
        area=f.area,
        bullet=f.bullet,
        remediation=f.remediation,
        found=f.found,
    )


def file_key(file: str) -> str:
    """A file name as matched between the baseline and the run: './a/../org.yaml' is
    'org.yaml'."""
    return os.path.normpath(file)


@record
class BaselineFile:
    """What the baseline records for one file."""

    file: str
    findings: tuple[Finding, ...]
    location: Location


@record
class SavedBaseline:
    """A JSON result read as a baseline: its findings by file."""

    path: str
    files: dict[str, BaselineFile]

    def findings_for(self, file: str) -> tuple[Finding, ...] | None:
        """The baseline's findings for ``file``; None when it does not record the file."""
        entry = self.files.get(file_key(file))
        return entry.findings if entry is not None else None

    def stale(self, checked: Iterable[str]) -> tuple[StaleEntry, ...]:
        """The baseline's files that this run did not check, in the baseline's order."""
        seen = {file_key(f) for f in checked}
        return tuple(
            StaleEntry(
                entry.file,
                len(entry.findings),
                f"the baseline records {entry.file} ({plural(len(entry.findings), 'finding')})"
                ", which this run did not check",
                entry.location,
            )
            for key, entry in self.files.items()
            if key not in seen
        )


def load_saved(path: Path, framework: str, limits: Limits | None = None) -> SavedBaseline:
    """Read a JSON result as a baseline for a run against ``framework`` (its name);
    InputError with file:line:col when it is not one, or was made against another."""
    try:
        document, text = load_json(path, limits or Limits())
    except InputError as exc:
        raise InputError(_with_hint(exc.problems), exc.omitted) from None
    saved = _parse(document, text)
    name = document.filename
    at = located(document, text) if saved.files else document
    files: dict[str, BaselineFile] = {}
    for i, entry in enumerate(saved.files):
        key = file_key(entry.file)
        if entry.framework.name != framework:
            message = (
                f"{entry.file} was audited against framework '{entry.framework.name}', "
                f"and this run uses '{framework}'"
            )
            hint = "save a new baseline with this framework"
            raise InputError([at.problem(("files", i, "framework", "name"), message, hint)])
        if key in files:
            message = (
                f"a second entry for {entry.file} (the first is at line {files[key].location.line})"
            )
            raise InputError([at.problem(("files", i), message, HINT)])
        line, col = at.source_map.locate(("files", i))
        findings = tuple(_finding(f) for f in entry.findings)
        files[key] = BaselineFile(entry.file, findings, Location(name, line, col))
    return SavedBaseline(name, files)
