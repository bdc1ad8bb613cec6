"""Load an org chart file into a checked OrgIndex, in whichever input format it comes."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Collection
from dataclasses import replace
from functools import cache
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from leadaudit.errors import MAX_PROBLEMS, InputError, Problem
from leadaudit.heap import paused_gc
from leadaudit.importers import format_of, importer, load_document
from leadaudit.limits import Limits
from leadaudit.messages import did_you_mean
from leadaudit.model import OrgChart, Post
from leadaudit.orgchart.build import build_index
from leadaudit.orgchart.index import OrgIndex
from leadaudit.orgchart.salvage import salvage, title_hint
from leadaudit.source import DocPath, Document
from leadaudit.validation import MAX_HINTS, validate


def index_document(
    doc: Document, capabilities: Collection[str], *, reload: Callable[[], Document] | None = None
) -> OrgIndex:
    """Validate a loaded document as an org chart and work out its graph.

    ``capabilities`` are the capability ids the chart may name (a framework's). With
    ``reload`` (which loads the same document again), the document is used up: a large
    chart's post mappings are replaced by their models a chunk at a time, so each chunk's
    mappings are freed as the next is built, and the data is emptied once it has all
    validated (the document keeps its source map). A chart with a problem is loaded
    again and checked whole, so its messages are those of a whole check.
    """
    with paused_gc():  # builds one model per post and frees nothing: see paused_gc
        in_place = reload is not None and _large(doc.data.get("posts"))
        if not (in_place and _posts_validated_in_place(doc.data["posts"])):
            # a post validated in place has no unknown key to count
            flood = _unknown_key_flood(doc)
            if flood is not None:
                raise flood
            if in_place and reload is not None:  # partly replaced: read it again
                doc, reload = reload(), None
        try:
            org = validate(OrgChart, doc)
        except InputError as exc:
            if exc.omitted or len(exc.problems) >= _ENOUGH:
                raise  # more than can be shown already: the rest of the chart can wait
            raise _with_the_rest(exc.problems, doc, capabilities) from None
        if reload is not None:
            doc.data.clear()
        return build_index(org, doc.filename, capabilities, doc.source_map.locate)


CHUNK = 4096
"""Posts validated at a time when a chart's mappings are replaced as they go (and the
fewest posts for which that is done)."""


def _large(posts: object) -> bool:
    """Whether a chart's posts are enough for them to be validated in place."""
    return isinstance(posts, list) and len(posts) >= 2 * CHUNK


def _posts_validated_in_place(posts: list[object]) -> bool:
    """Replace each post mapping by its model, a chunk at a time; False (the list partly
    replaced) at the first chunk with a problem."""
    adapter = TypeAdapter(list[Post])
    for start in range(0, len(posts), CHUNK):
        try:
            posts[start : start + CHUNK] = adapter.validate_python(posts[start : start + CHUNK])
        except ValidationError:
            return False
    return True


_ENOUGH = 50
"""Validation problems past which the rest of the chart is not checked in the same run."""


@cache
def _reference() -> re.Pattern[str]:
    """A problem's path at a post's reporting line (compiled when a problem is met)."""
    return re.compile(r"posts\[(\d+)\]\.reports_to")


def _with_title_hint(problem: Problem, doc: Document) -> Problem:
    """A reports_to that is not a valid id may be a post's title: say which id it names."""
    match = _reference().fullmatch(problem.path)
    if match is None or "is not a valid id" not in problem.message:
        return problem
    posts = doc.data.get("posts")
    value = posts[int(match[1])].get("reports_to") if isinstance(posts, list) else None
    hint = title_hint(value, posts)
    return replace(problem, hint=hint) if hint else problem


def _unknown_key_flood(doc: Document) -> InputError | None:
    """When posts hold more unknown keys than can be reported, the first MAX_PROBLEMS of
    them (and a count of the rest), found without validating: a million bad keys would
    otherwise cost a million validation errors' worth of memory."""
    posts = doc.data.get("posts")
    if not isinstance(posts, list) or len(posts) < MAX_PROBLEMS // 5:
        return None
    known = {field.name for field in dataclasses.fields(Post)}
    found: list[tuple[int, str]] = []
    total = 0
    for i, post in enumerate(posts):
        if isinstance(post, dict) and not known.issuperset(post):
            for key in post:
                if key not in known:
                    total += 1
                    if len(found) < MAX_PROBLEMS:
                        found.append((i, str(key)))
    if total <= MAX_PROBLEMS:
        return None  # few enough: validation reports them with everything else
    problems = [
        doc.problem(
            ("posts", i, key),
            f"unknown field '{key}'",
            did_you_mean(key, known) if n < MAX_HINTS else None,
            at_key=True,
        )
        for n, (i, key) in enumerate(found)
    ]
    return InputError(problems, total - len(problems))


def _with_the_rest(
    problems: tuple[Problem, ...], doc: Document, capabilities: Collection[str]
) -> InputError:
    """The validation problems, and those the rest of the chart has (references, graph),
    so one run reports them all, in file order."""
    rescued = salvage(doc.data)
    found = [_with_title_hint(p, doc) for p in problems]
    omitted = 0
    if rescued is not None:
        org, skipped, back = rescued

        def locate(path: DocPath) -> tuple[int, int]:
            return doc.source_map.locate(back(path))

        try:
            build_index(org, doc.filename, capabilities, locate, skipped, back)
        except InputError as exc:
            found += exc.problems
            omitted = exc.omitted
    unique = list(dict.fromkeys(found))
    return InputError(sorted(unique, key=lambda p: (p.line or 0, p.col or 0, p.message)), omitted)


def load_orgchart(
    path: Path,
    capabilities: Collection[str],
    limits: Limits | None = None,
    display: str | None = None,
    input_format: str | None = None,
    junior: Path | None = None,
) -> OrgIndex:
    """Read, validate and index an org chart file; raises InputError with located problems.
    ``junior`` is an organogram's junior-staff file, read with the senior file ``path``."""
    limits = limits or Limits()

    def load() -> Document:
        return load_document(path, limits, input_format, display, junior)

    return index_document(load(), capabilities, reload=load)


def load_orgchart_bytes(
    data: bytes,
    filename: str,
    capabilities: Collection[str],
    limits: Limits | None = None,
    input_format: str | None = None,
) -> OrgIndex:
    """The same as load_orgchart, from bytes already in memory."""
    reader = importer(format_of(Path(filename), input_format))

    def load() -> Document:
        return reader.load_bytes(data, filename, limits)

    return index_document(load(), capabilities, reload=load)
