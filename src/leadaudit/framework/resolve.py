"""Resolving a framework: its file, what it extends (each parent once), into a Framework.

A framework file may ``extends:`` one or more others (bundled by name, or files by a path
relative to the extending file), add capabilities, areas and rules built from the existing
rule kinds, and change inherited rules with ``overrides:`` (for every authority) and
``by_authority_type:`` (for one type of authority). Resolving a file gives a ``Framework``:
the complete rule set, with one variant of a rule per authority type where they differ.
"""

from __future__ import annotations

from pathlib import Path

from leadaudit.errors import FrameworkError, InputError, Problem, UsageError
from leadaudit.framework.build import build_framework
from leadaudit.framework.bundled import (
    DEFAULT_FRAMEWORK,
    FrameworkNotFoundError,
    FrameworkRef,
    bundled_dir,
    find_framework,
)
from leadaudit.framework.model import Framework, FrameworkFile
from leadaudit.framework.read import extends_list, read_framework_file, sorted_problems
from leadaudit.framework.state import BuildState
from leadaudit.limits import Limits
from leadaudit.source import DocPath, Document

MAX_EXTENDS_DEPTH = 16


def _parent(
    spec: str, child: FrameworkRef, doc: Document, at: DocPath, chain: tuple[FrameworkRef, ...]
) -> FrameworkRef:
    """The framework a child's ``extends`` entry names, refusing cycles and long chains."""
    try:
        parent = find_framework(
            spec,
            child.path.parent,
            None if child.bundled else str(Path(child.display).parent),
            "a relative path starts from the folder of this file",
        )
    except FrameworkNotFoundError as exc:
        raise FrameworkError([doc.problem(at, exc.message, exc.hint)]) from None
    seen = [r.key for r in (*chain, child)]
    if parent.key in seen:
        loop = [r.label for r in (*chain, child)][seen.index(parent.key) :]
        raise FrameworkError(
            [
                doc.problem(
                    at,
                    "cycle: " + " -> ".join([*loop, parent.label]),
                    "a framework cannot extend itself, directly or through others",
                )
            ]
        )
    if len(chain) + 1 >= MAX_EXTENDS_DEPTH:
        raise FrameworkError(
            [doc.problem(at, f"chain is longer than {MAX_EXTENDS_DEPTH} frameworks")]
        )
    return parent


_Memo = dict[str, Framework]
"""Frameworks already resolved in one load, by file: a parent several files extend (a
diamond) is read once, not once per path to it."""


def _resolve(
    ref: FrameworkRef, limits: Limits, chain: tuple[FrameworkRef, ...], memo: _Memo
) -> Framework:
    known = memo.get(ref.key)
    if known is not None:
        return known
    ff, doc, problems = read_framework_file(ref, limits)
    parents = _resolve_parents(ff, ref, doc, limits, chain, problems, memo)
    built = build_framework(BuildState(ff, doc, parents, list(problems), trusted=ref.bundled))
    files = [ref.path, *(path for parent, _ in parents for path in parent.files)]
    resolved = built.model_copy(update={"files": list(dict.fromkeys(files))})
    memo[ref.key] = resolved
    return resolved


def _resolve_parents(
    ff: FrameworkFile,
    ref: FrameworkRef,
    doc: Document,
    limits: Limits,
    chain: tuple[FrameworkRef, ...],
    problems: list[Problem],
    memo: _Memo,
) -> list[tuple[Framework, DocPath]]:
    parents: list[tuple[Framework, DocPath]] = []
    wanted = extends_list(ff)
    for spec, at in wanted:
        try:
            parent = _parent(spec, ref, doc, at, chain)
            parents.append((_resolve(parent, limits, (*chain, ref), memo), at))
        except InputError as exc:
            problems.extend(exc.problems)
    if len(parents) < len(wanted):
        raise FrameworkError(sorted_problems(problems))
    return parents


def load_framework_file(
    path: Path, limits: Limits | None = None, display: str | None = None
) -> Framework:
    """Load, validate and resolve one framework file (and what it extends)."""
    bundled = path.resolve().parent == bundled_dir().resolve()
    ref = FrameworkRef(path, display or str(path), bundled)
    return _resolve(ref, limits or Limits(), (), {})


def load_framework(spec: str = DEFAULT_FRAMEWORK, limits: Limits | None = None) -> Framework:
    """A framework by bundled name (``rec20``) or by path to a YAML file (from the current
    folder); a UsageError for a name or path that finds none."""
    try:
        ref = find_framework(spec, base_note="a relative path starts from the current folder")
    except FrameworkNotFoundError as exc:
        raise UsageError(f"{exc.message} ({exc.hint})") from None
    return _resolve(ref, limits or Limits(), (), {})
