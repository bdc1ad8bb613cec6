"""The notes an imported organogram's YAML header carries: what the file held and what
the importer made of it (rows counted, posts left out or merged, top posts, junior staff)."""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING

from leadaudit.importers.organogram.about import file_date
from leadaudit.importers.organogram.rows import (
    MAX_TEXT,
    ORGANISATION_ID,
    Senior,
    listed,
    one_line,
    plural,
)

if TYPE_CHECKING:
    from leadaudit.importers.organogram.posts import ChartMaker


def notes(maker: ChartMaker, tops: list[Senior], several: bool) -> list[str]:
    """What the importer noticed and did, one line each, for the YAML header."""
    return [
        "a central government organogram: the authority type is 'other' (it is not a"
        " council), and it does not say how posts are held, so every filled post reads as"
        " permanent: check for interim, agency and contractor posts",
        *_rows(maker, tops, several),
        *_junior(maker),
        *maker.later_notes,
        *_text(maker),
    ]


def _rows(maker: ChartMaker, tops: list[Senior], several: bool) -> list[str]:
    """The senior rows counted, and the posts left out, merged, added or re-attached."""
    reader, cols = maker.reader, maker.cols
    live = reader.live
    eliminated = [s for s in reader.seniors if not s.rows]
    shared = [s for s in live if len(s.rows) > 1]
    out = [
        f"{plural(len(reader.table.rows), 'senior row')}: {plural(len(live), 'senior post')}"
        f" ({plural(sum(len(s.eliminated) for s in reader.seniors), 'eliminated row')} left"
        f" out, {plural(sum(len(s.rows) - 1 for s in shared), 'job-share row')} merged into"
        " the post of the same reference)"
    ]
    if several:
        named = [f"{s.pid} ({one_line(s.rows[0].get(cols.title))})" for s in tops]
        out.append(
            f"{len(tops)} top posts: {listed(named)}; a post for the organisation as a"
            f" whole, '{ORGANISATION_ID}', is added above them as the chart's one top post,"
            " so every depth is one more than when counted from those posts"
        )
    if eliminated:
        named = [f"'{s.reference}' (line {s.row.line})" for s in eliminated]
        out.append(
            f"{plural(len(eliminated), 'eliminated post')} left out (Name 'Eliminated'):"
            f" {listed(named)}"
        )
    halves = [f"{s.pid} (line {s.eliminated[0].line})" for s in live if s.eliminated]
    if halves:
        out.append(f"eliminated rows of posts that go on, left out: {listed(halves)}")
    if shared:
        named = [f"{s.pid} (lines {', '.join(str(r.line) for r in s.rows)})" for s in shared]
        out.append(
            "job shares (one reference on several rows), each one post naming every"
            f" holder: {listed(named)}"
        )
    placeholders = [
        f"{s.pid} ('{s.rows[0].get(cols.reference)}')" for s in reader.placeholders if s.rows
    ]
    if placeholders:
        out.append(
            "references that name no post (blank, N/D or zeros): those rows have ids made"
            f" from their line: {listed(placeholders)}"
        )
    if maker.reattached:
        out.append(
            "lines that went to an eliminated post, drawn to the live post above it"
            f" (inferred): {listed(maker.reattached)}"
        )
    return out


def _junior(maker: ChartMaker) -> list[str]:
    """The junior file's rows counted, and what reading it noticed."""
    if maker.junior is None:
        return []
    name = PurePath(maker.junior.filename).name
    return [
        f"{plural(len(maker.junior.rows), 'junior row')} of {name}:"
        f" {plural(maker.junior_count, 'junior post')} under their senior posts, each with"
        " its FTE and grade in its responsibilities",
        *(f"{name}: {note}" for note in maker.junior.notes),
    ]


def _text(maker: ChartMaker) -> list[str]:
    """Characters lost, text cut, and the date the file's name gives."""
    out = []
    lost = [
        str(p["id"])
        for p in maker.builder.posts
        if any("\ufffd" in str(p.get(k, "")) for k in ("title", "holder", "directorate"))
    ]
    if lost:
        out.append(f"titles or names with a lost character (U+FFFD): {listed(lost)}")
    if maker.cut:
        out.append(f"Job/Team Function cut to {MAX_TEXT:,} characters: {listed(maker.cut)}")
    dated = file_date(maker.reader.table.filename)
    if dated:
        out.append(f"the data is dated {dated}, from the file's name")
    return out
