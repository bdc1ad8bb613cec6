"""Safe YAML loading: bounded work, exact locations, no implicit typing.

The loader turns YAML into plain ``dict``/``list``/``str``/``None`` values. The bytes are
decoded and checked in text.py; then the fast reader (yaml_fast.py) reads the plain block
YAML most files use, and the event-based loader (yaml_events.py) reads anything else,
refusing deep nesting, alias expansion beyond a budget, merge keys, tags, duplicate keys
and several documents before they cost anything.

Every plain scalar stays a string (``NO``, ``012`` and ``12:30`` are text, not a
boolean or numbers); only ``null``, ``~`` and an empty value mean "nothing". Typing is
left to the pydantic models, which know what each field should be.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from leadaudit.errors import InputError, Problem
from leadaudit.heap import paused_gc
from leadaudit.importers.text import decode, find_bad_char, read_text, too_large
from leadaudit.importers.yaml_fast import OutsideFastPathError, fast_read_items
from leadaudit.limits import Limits
from leadaudit.source import TRACK_DEPTH, Document, Items, Marks, SourceMap

ORG_CHART_HINT = "an org chart starts with 'leadaudit: 1'"


def _read(
    text: str, filename: str, limits: Limits, checked: bool
) -> tuple[Any, Marks, Marks | None, Items | None]:
    """The fast reader when it can (and the text's characters are known to be fine),
    else the event-based loader. The fast reader records no key positions (None): a
    problem with a key is located by a full parse, done only then."""
    with paused_gc():
        if checked:
            try:
                data, marks, items = fast_read_items(text, limits.max_depth, TRACK_DEPTH)
            except OutsideFastPathError:
                pass
            else:
                return data, marks, None, items
        from leadaudit.importers.yaml_events import parse_events

        return (*parse_events(text, filename, limits, TRACK_DEPTH), None)


def _kind(data: Any) -> str:
    if data is None:
        return "nothing"
    return "a list" if isinstance(data, list) else "a single value"


def looks_like_csv(text: str) -> str | None:
    """What a text read as YAML looks like when it is a published CSV instead, else None."""
    first = next((line for line in text[:4096].splitlines() if line.strip()), "")
    if first.count(",") < 3 or re.match(r"\s*[\w-]+:\s", first):
        return None
    folded = first.lower().replace(" ", "")
    if "jobtitle" in folded and "level" in folded:
        return "a council's organisation structure CSV"
    if "postuniquereference" in folded:
        return "an organogram's senior-staff CSV"
    if "reportingseniorpost" in folded:
        return "an organogram's junior-staff CSV"
    return "a CSV file"


def _not_yaml(filename: str, text: str) -> InputError | None:
    kind = looks_like_csv(text)
    if kind is None:
        return None
    hint = "name it .csv, or pass --input-format csv; leadaudit import turns it into YAML"
    return InputError([Problem(filename, 1, 1, f"this looks like {kind}, not YAML", hint=hint)])


def _load_text(text: str, filename: str, limits: Limits, checked: bool) -> Document:
    try:
        data, marks, keys, items = _read(
            text, filename, limits, checked or find_bad_char(text) is None
        )
    except InputError:
        csv_error = _not_yaml(filename, text)
        if csv_error is not None:
            raise csv_error from None
        raise
    if not isinstance(data, dict):
        csv_error = _not_yaml(filename, text)
        if csv_error is not None:
            raise csv_error
        raise InputError(
            [
                Problem(
                    filename,
                    1,
                    1,
                    "expected a mapping of keys to values at the top of the file, "
                    f"found {_kind(data)}",
                    hint=ORG_CHART_HINT,
                )
            ]
        )

    def tracked(some_text: str) -> tuple[Marks, Marks]:
        """Every value and key position of ``some_text``: the file's, or a part's."""
        with paused_gc():
            from leadaudit.importers.yaml_events import parse_events

            _, all_marks, all_keys = parse_events(some_text, filename, limits, 1 << 30)
        return all_marks, all_keys

    def full() -> SourceMap:
        all_marks, all_keys = tracked(text)
        return SourceMap(all_marks, None, all_keys)

    source_map = SourceMap(marks, full, keys, text=text, items=items, part=tracked)
    return Document(filename, data, source_map)


def load_text(text: str, filename: str, limits: Limits | None = None) -> Document:
    """Load YAML text that must hold one mapping."""
    return _load_text(text, filename, limits or Limits(), checked=False)


def load_bytes(data: bytes, filename: str, limits: Limits | None = None) -> Document:
    """Decode and load YAML bytes that must hold one mapping."""
    limits = limits or Limits()
    if len(data) > limits.max_file_size:
        raise too_large(filename, len(data), limits)
    return _load_text(decode(data, filename), filename, limits, checked=True)


def load_path(path: Path, limits: Limits | None = None, display: str | None = None) -> Document:
    """Read, decode and load a YAML file."""
    limits = limits or Limits()
    name = display or str(path)
    # Decoded in a call of its own, so the bytes are freed before the text is read: they
    # would otherwise stay alive through the whole load (17 MB at 100,000 posts).
    return _load_text(read_text(path, limits, name), name, limits, checked=True)


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def load_mapping(path: Path, limits: Limits, display: str, hint: str) -> Document:
    """A YAML file of settings (configuration, waivers): nothing but comments is an empty
    mapping, and ``hint`` replaces the loader's hint about what an org chart starts with."""
    text = read_text(path, limits, display)
    if _only_comments(text):
        return Document(display, {}, SourceMap({}, None))
    try:
        return load_text(text, display, limits)
    except InputError as exc:
        raise InputError(
            replace(p, hint=hint) if p.hint == ORG_CHART_HINT else p for p in exc.problems
        ) from None
