"""Summary rows from saved JSON results (``check --format json -o results.json``), so that a
league can be rebuilt from past runs without the org charts.

Only what a summary shows is read, and checked as strictly as an org chart: every problem
is located in the JSON file. Fields the summary does not use are ignored, so results of
any version within schema 1 read back.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from leadaudit.errors import InputError, Problem
from leadaudit.findings import AreaStatus, Verdict
from leadaudit.league.jsonsource import load_json, located
from leadaudit.league.rows import Bullet, Row
from leadaudit.limits import Limits

# What a file must start with to be taken for a saved result when found in a folder.
_RESULT_MARK = re.compile(rb'"schema_version"\s*:')


class _Model(BaseModel):
    model_config = ConfigDict(strict=True, frozen=True, extra="ignore", hide_input_in_errors=True)


class _Tool(_Model):
    name: Literal["leadaudit"]


class _Authority(_Model):
    name: str = Field(max_length=1000)
    type: str = Field(max_length=100)


class _Framework(_Model):
    name: str = Field(max_length=200)
    version: str = Field(max_length=100)


class _Area(_Model):
    id: str = Field(max_length=200)
    title: str = Field(max_length=1000)
    bullet: str = Field(max_length=200)
    status: Literal["met", "partly_met", "not_met", "not_assessable"]


class _Counts(_Model):
    error: int = Field(ge=0)
    warning: int = Field(ge=0)
    info: int = Field(ge=0)
    waived: int = Field(default=0, ge=0)


class _File(_Model):
    file: str = Field(max_length=10_000)
    authority: _Authority
    framework: _Framework
    verdict: Literal["meets", "partly_meets", "does_not_meet"]
    verdict_text: str = Field(default="", max_length=10_000)
    score: float = Field(ge=0, le=10, allow_inf_nan=False)
    areas: list[_Area]
    summary: _Counts


class _Result(_Model):
    schema_version: Literal[1]
    tool: _Tool
    files: list[_File]


def looks_saved(path: Path, limits: Limits) -> str | None:
    """Why a ``.json`` file found in a folder is not a saved result, or None when it may be
    one (it names a ``schema_version``); a file that cannot be read is kept, so its problem
    is reported."""
    try:
        with path.open("rb") as handle:
            head = handle.read(min(limits.max_file_size, 1 << 16))
    except OSError:
        return None
    if _RESULT_MARK.search(head):
        return None
    return "JSON that is not a saved leadaudit result (no schema_version)"


def saved_rows(path: Path, limits: Limits, framework: str | None = None) -> list[Row]:
    """The rows of every file a saved JSON result records, in its order; with
    ``framework``, each must have been audited against the framework of that name."""
    document, text = load_json(path, limits)
    try:
        result = _Result.model_validate(document.data)
    except ValidationError:
        from leadaudit.validation import validate

        validate(_Result, located(document, text))
        raise  # pragma: no cover - validate raised on the same data
    if not result.files:
        raise InputError([Problem(document.filename, 1, 1, "the saved result records no file")])
    for n, item in enumerate(result.files):
        if framework is not None and item.framework.name != framework:
            problem = located(document, text).problem(
                ("files", n, "framework", "name"),
                f"audited against framework '{item.framework.name}', but this summary is "
                f"of '{framework}'",
                hint=f"give --framework {item.framework.name}, or summarise it apart",
            )
            raise InputError([problem])
    return [_row(item) for item in result.files]


def _row(item: _File) -> Row:
    return Row(
        authority=item.authority.name,
        authority_type=item.authority.type,
        file=item.file,
        framework=item.framework.name,
        framework_version=item.framework.version,
        verdict=Verdict(item.verdict),
        verdict_text=item.verdict_text,
        score=item.score,
        bullets=tuple(Bullet(a.id, a.bullet, a.title) for a in item.areas),
        statuses=tuple(AreaStatus(a.status) for a in item.areas),
        errors=item.summary.error,
        warnings=item.summary.warning,
        info=item.summary.info,
        waived=item.summary.waived,
        source="results",
    )
