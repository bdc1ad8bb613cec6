"""A data.gov.uk organogram: senior posts with their references and the senior post each
reports to, and optionally the junior-staff file counted under them.

What the files hold, and what this importer makes of it:

- A post's id is ``ref-`` and its ``Post Unique Reference``, read as text: ``0034860`` and
  ``00034860`` are different posts. Every reporting line is the file's own
  ``Reports to Senior Post``; ``XX`` (any case) marks a top post.
- A chart has one top post. When the file has several (separate trees, or several heads),
  a post for the organisation as a whole, ``organisation``, is added above them, and their
  lines to it are recorded as inferred.
- ``Name`` may be a sentinel: ``Vacant`` makes the post vacant; ``Eliminated`` means the
  post no longer exists, so it is left out (and counted in the notes), and a line that
  went to it goes to the live post above it, recorded as inferred; ``N/D``, ``N/A`` and a
  blank cell mean no holder is published.
- Several rows with one reference are a job share: one post, with every holder named.
- A reference that is a placeholder (blank, ``N/D``, all zeros such as ``0``) names no
  post: the row becomes a post whose id is made from its line (``line-390``).
- A line that points at a reference the file does not have, or at a placeholder, is a
  located error: attaching the post somewhere would guess at the one thing the
  Recommendation 20 rules measure.
- The title is ``Job Title``, the directorate ``Unit``; ``Job/Team Function`` describes
  the post, so it becomes its responsibilities. Capabilities are mapped from the title and
  ``Professional/Occupational Group``.
- Only the one top post may be head of paid service: a 'Chief Executive' lower down is not
  taken as one. With several top posts the file does not say who is, and none is.
- Junior-staff rows become posts under their senior post, one per row, with their FTE
  and grade in the post's responsibilities. They bring skills, never a leader's
  capability: a junior 'Senior IT Manager' is not the digital leader.
- The authority's type is ``other`` (these are not councils) and its name the commonest
  ``Organisation``; the data's date comes from the file's name when it carries one.
"""

from __future__ import annotations

from leadaudit.errors import MAX_PROBLEMS, InputError, Problem
from leadaudit.importers.capability_map import Mapping
from leadaudit.importers.imported import ChartBuilder, Imported
from leadaudit.importers.organogram.about import file_date, organisation_name
from leadaudit.importers.organogram.posts import ChartMaker
from leadaudit.importers.organogram.rows import (
    TOP,
    Reader,
    detect,
    is_junior,
    is_placeholder,
    junior_columns,
    senior_columns,
)
from leadaudit.importers.table import Table

__all__ = ["build", "detect", "file_date", "is_junior", "is_placeholder"]

FORMAT = "organogram"


def build(table: Table, data: bytes, mapping: Mapping, junior: Table | None) -> Imported:
    """The chart an organogram describes; every problem of both files in one InputError."""
    cols = senior_columns(table)
    jcols = junior_columns(junior) if junior is not None else None
    reader = Reader(table, cols)
    if not reader.live:
        message = "no posts: every row is eliminated" if table.rows else "no posts: only a header"
        raise InputError([table.problem(table.rows[0] if table.rows else None, None, message)])
    reader.check_rows()
    reader.read_lines()
    if not reader.problems and all(line.target is not None for line in reader.lines.values()):
        message = f"no top post: no row has Reports to Senior Post {TOP}"
        hint = f"write {TOP} in Reports to Senior Post for the top post"
        reader.problems.append(table.problem(None, cols.reports_to, message, hint))
    name, other_note = organisation_name(table, cols, [r for s in reader.live for r in s.rows])
    step = ChartMaker(reader, ChartBuilder(table, FORMAT, mapping, data), junior, jcols)
    if reader.problems:
        if junior is not None:
            step.assign_ids()
            step.junior_posts()  # checked too, so both files' problems are reported at once
        _raise(reader.problems, table.filename)
    if other_note:
        step.later_notes.append(other_note)
    imported = step.build({"name": name, "type": "other"})
    if reader.problems:  # the junior file's
        _raise(reader.problems, table.filename)
    return imported


def _raise(problems: list[Problem], first: str) -> None:
    """Every problem, the senior file's (``first``) before the junior file's, in file order."""
    unique = sorted(
        dict.fromkeys(problems), key=lambda p: (p.file != first, p.line or 0, p.col or 0)
    )
    raise InputError(unique[:MAX_PROBLEMS], max(len(unique) - MAX_PROBLEMS, 0))
