"""A diff as Markdown for a pull request comment: the headline on the first line, then
the areas, the findings new and fixed, and the structural changes, every value from the
charts escaped."""

from __future__ import annotations

from collections.abc import Sequence

from leadaudit.diff.model import (
    ChartDiff,
    Coverage,
    Pair,
    PostRef,
    depth_words,
    score_words,
    status_words,
)
from leadaudit.diff.text import leader_text
from leadaudit.findings import Finding, bullet_label
from leadaudit.reporters.escape import md_cell, md_text

ARROW = "\u2192"


def _change(before: str, after: str) -> str:
    return before if before == after else f"{before} {ARROW} {after}"


def _table(header: Sequence[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table; the cells are already escaped."""
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return [*out, ""]


def _where(post: PostRef) -> str:
    place = depth_words(post.depth)
    return md_cell(f"{post.directorate}, {place}" if post.directorate else place)


def _ids(pair: Pair) -> str:
    """'hod', or 'old-id → new-id' when the id changed."""
    return _change(pair.old.id, pair.new.id)


def _how(pair: Pair) -> str:
    return md_cell(pair.by.words.removeprefix("by "))


def _items(findings: tuple[Finding, ...], diff: ChartDiff | None = None) -> list[str]:
    """A list item for each finding (a new one that replaces an old one says what it was),
    then a blank line."""
    out = []
    for f in findings:
        subject = f" ({md_text(f.subject)})" if f.subject else ""
        change = diff.change(f) if diff is not None else None
        note = f" ({md_text(change)})" if change else ""
        out.append(
            f"- **{md_text(f.rule)}** {f.severity.value}{subject}: {md_text(f.message)}{note}"
        )
    return [*out, ""]


def _findings(diff: ChartDiff) -> list[str]:
    """New and fixed findings listed; persisting ones folded away."""
    out = []
    if diff.new_findings or diff.fixed_findings:
        out += ["## Findings", ""]
    for title, found in (("New", diff.new_findings), ("Fixed", diff.fixed_findings)):
        if found:
            out += [f"### {title} ({len(found)})", "", *_items(found, diff)]
    if diff.persisting_findings:
        summary = f"Persisting findings ({len(diff.persisting_findings)})"
        out += [f"<details><summary>{summary}</summary>", "", *_items(diff.persisting_findings)]
        out += ["</details>", ""]
    return out


def _areas(diff: ChartDiff) -> list[str]:
    rows = [
        [
            md_cell(f"{a.title} ({bullet_label(a.bullet)})"),
            _change(status_words(a.old_status), status_words(a.new_status)),
            _change(score_words(a.old_score), score_words(a.new_score)),
            str(len(a.new)),
            str(len(a.fixed)),
            str(len(a.persisting)),
        ]
        for a in diff.areas
    ]
    header = ("Area", "Status", "Score", "New", "Fixed", "Persisting")
    return ["## Areas", "", *_table(header, rows)]


def _posts(diff: ChartDiff) -> list[str]:
    rows = [["added", md_cell(p.label), "-", _where(p), "-"] for p in diff.added]
    rows += [["removed", md_cell(p.label), _where(p), "-", "-"] for p in diff.removed]
    rows += [
        ["retitled", md_cell(_ids(p)), md_cell(p.old.title), md_cell(p.new.title), _how(p)]
        for p in diff.retitled
    ]
    rows += [
        ["id changed", md_cell(p.new.title), md_cell(p.old.id), md_cell(p.new.id), _how(p)]
        for p in diff.rematched
    ]
    counts = (
        f"{len(diff.added)} added, {len(diff.removed)} removed, {len(diff.retitled)} "
        f"retitled ({diff.old.posts} before, {diff.new.posts} after)."
    )
    out = ["## Posts", "", counts, ""]
    header = ["Change", "Post", "Before", "After", "Matched"]
    if diff.imported:
        how = ", ".join(f"{n} {by.words}" for by, n in diff.matched_by) or "none"
        out += [f"The ids of imported charts are generated: posts matched {how}.", ""]
    else:  # every post is matched by id
        header, rows = header[:-1], [row[:-1] for row in rows]
    if rows:
        out += _table(header, rows)
    return out


def _moves(diff: ChartDiff) -> list[str]:
    if not diff.moves:
        return []
    rows = []
    for m in diff.moves:
        notes = (["digital leader"] if m.leader else []) + (
            [f"inferred line, {m.inferred} confidence"] if m.inferred else []
        )
        rows.append(
            [
                md_cell(m.pair.label),
                md_cell(m.old_manager.label if m.old_manager else "none (top post)"),
                md_cell(m.new_manager.label if m.new_manager else "none (top post)"),
                _change(str(m.pair.old.depth), str(m.pair.new.depth)),
                md_cell("; ".join(notes)),
            ]
        )
    header = ("Post", "Reported to", "Reports to", "Levels below the top", "Note")
    return [f"## Reporting lines moved ({len(diff.moves)})", "", *_table(header, rows)]


def _basis(diff: ChartDiff) -> list[str]:
    if not diff.basis:
        return []
    rows = [
        [md_cell(b.pair.label), _change(md_cell(b.pair.old.basis), md_cell(b.pair.new.basis))]
        for b in diff.basis
    ]
    return [f"## Basis changed ({len(diff.basis)})", "", *_table(("Post", "Basis"), rows)]


def _coverage_row(kind: str, c: Coverage) -> list[str]:
    held = ", ".join(p.label for p in c.holders)
    if c.vacant:
        held += "; named now only by vacant " + ", ".join(p.label for p in c.vacant)
    return [kind, md_cell(f"{c.title} ({c.capability})"), md_cell(held)]


def _coverage(diff: ChartDiff) -> list[str]:
    if not (diff.gained or diff.lost):
        return []
    rows = [_coverage_row("gained", c) for c in diff.gained]
    rows += [_coverage_row("lost", c) for c in diff.lost]
    header = ("Change", "Capability", "Held by (now if gained, before if lost)")
    return ["## Capabilities covered", "", *_table(header, rows)]


def render_markdown(diff: ChartDiff) -> str:
    """The diff as Markdown; the first line is the headline."""
    authority = md_text(f"{diff.new.authority} ({diff.new.authority_type.replace('_', ' ')})")
    lines = [
        f"**{md_text(diff.headline(ARROW))}**",
        "",
        f"{md_text(diff.old.file)} {ARROW} {md_text(diff.new.file)}: {authority}, framework "
        f"{md_text(diff.framework)} {md_text(diff.framework_version)}. Overall "
        f"{_change(score_words(diff.old.score), score_words(diff.new.score))}.",
        "",
        *_areas(diff),
    ]
    lines += _findings(diff)
    lines += _posts(diff) + _moves(diff)
    if diff.leader is not None:
        lines += ["## Digital leader", "", md_text(leader_text(diff.leader, ARROW)), ""]
    lines += _basis(diff) + _coverage(diff)
    return "\n".join(lines).rstrip("\n") + "\n"
